package dev.stowage.testkit;

import dev.stowage.Storage;
import dev.stowage.Stowage;
import dev.stowage.driver.memory.MemoryDriver;
import dev.stowage.spi.DiskConfig;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;

/** The memory driver, the reference implementation, passes the whole contract. */
class MemoryContractTest extends StorageContract {
    private static final String SECRET = "memory-contract-signing-secret";

    private SignedUrlServer server;

    @Override
    protected Storage openStorage() throws Exception {
        server = SignedUrlServer.start();
        Storage disk = Stowage.open(DiskConfig.of("contract-memory", "memory",
                Map.of("base-url", server.baseUrl().toString(), "signing-secret", SECRET)));
        server.register(disk, SECRET);
        return disk;
    }

    @AfterEach
    void noStreamIsLeftOpen() throws InterruptedException {
        MemoryDriver memory = storage.unwrap(MemoryDriver.class);
        // streams of cancelled publishers and finished HTTP exchanges are closed on other threads: allow them a moment
        for (int i = 0; i < 100 && memory.openStreamCount() > 0; i++) {
            Thread.sleep(20);
        }
        memory.assertNoOpenStreams();
    }

    @AfterAll
    void stopTheServer() {
        if (server != null) {
            server.close();
        }
    }
}
