package dev.stowage.driver.gcs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.Storage;
import dev.stowage.Stowage;
import dev.stowage.driver.gcs.emulator.GcsEmulator;
import dev.stowage.driver.gcs.emulator.TestServiceAccount;
import dev.stowage.testkit.RangedDownloadContract;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/** Parallel ranged downloads (ranged media GETs of one pinned generation) against the in-process emulator. */
class GcsRangedDownloadTest extends RangedDownloadContract {
    private GcsEmulator emulator;
    private LoopbackGuard guard;

    @Override
    protected Storage openStorage() throws Exception {
        guard = LoopbackGuard.install();
        emulator = GcsEmulator.start();
        TestServiceAccount account = TestServiceAccount.create("ranged").trustedBy(emulator);
        return Stowage.open(GcsTestDisks.emulated("gcs-ranged", emulator, "ranged-bucket", account,
                Map.of("chunk-size", "8MiB")));
    }

    @AfterAll
    void stopTheEmulator() {
        if (emulator != null) {
            emulator.close();
            assertThat(guard.blocked()).as("connections attempted beyond 127.0.0.1").isEmpty();
        }
    }
}
