package dev.stowage.driver.gcs;

import dev.stowage.Storage;
import dev.stowage.Stowage;
import dev.stowage.spi.DiskConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The same tests as {@link GcsContractTest}, against a real GCS bucket. Runs only when
 * {@code STOWAGE_IT_GCS_BUCKET} and credentials ({@code GOOGLE_APPLICATION_CREDENTIALS} or
 * {@code STOWAGE_IT_GCS_CREDENTIALS_JSON}) are set; otherwise every test is skipped with that reason
 * and nothing contacts Google.
 */
@EnabledIfEnvironmentVariable(named = GcsTestDisks.BUCKET_VARIABLE, matches = ".+",
        disabledReason = "real-GCS profile skipped: set STOWAGE_IT_GCS_BUCKET and GOOGLE_APPLICATION_CREDENTIALS "
                + "(or STOWAGE_IT_GCS_CREDENTIALS_JSON) to run the GCS contract against a real bucket")
class GcsRealContractTest extends GcsContractTest {

    @Override
    protected Storage openStorage() {
        DiskConfig config = GcsTestDisks.real("gcs-real");
        Assumptions.assumeTrue(config != null, "real-GCS profile skipped: set " + GcsTestDisks.BUCKET_VARIABLE
                + " and GOOGLE_APPLICATION_CREDENTIALS (or STOWAGE_IT_GCS_CREDENTIALS_JSON) to run it");
        emulator = null;
        return Stowage.open(config);
    }
}
