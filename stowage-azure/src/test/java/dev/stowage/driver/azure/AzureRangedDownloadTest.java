package dev.stowage.driver.azure;

import dev.stowage.Storage;
import dev.stowage.Stowage;
import dev.stowage.testkit.RangedDownloadContract;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtendWith;

/** Parallel ranged downloads (ranged Get Blob with If-Match) against a real Azurite. */
@ExtendWith(AzuriteRequired.class)
class AzureRangedDownloadTest extends RangedDownloadContract {

    @Override
    protected Storage openStorage() {
        String container = "ranged" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        return Stowage.open(Azurite.shared().disk("azure-ranged", container, ""));
    }
}
