package dev.stowage.testkit.compose;

import dev.stowage.Storage;
import dev.stowage.Stowage;
import dev.stowage.driver.memory.MemoryDriver;
import dev.stowage.config.StorageManager;
import dev.stowage.config.StowageConfig;
import dev.stowage.testkit.SignedUrlServer;
import dev.stowage.testkit.StorageContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;

/** Routing, failover and prefixed (tenant) disks built from configuration pass the whole contract. */
class ComposedDisksContractTest {
    private static final String SECRET = "composed-contract-secret";

    /** Opens the manager, registers every memory member with a signed-URL server, returns one disk. */
    abstract static class Composed extends StorageContract {
        private SignedUrlServer server;
        private StorageManager manager;

        abstract String disk();

        @Override
        protected Storage openStorage() throws Exception {
            server = SignedUrlServer.start();
            Path journal = Files.createTempDirectory("stowage-contract").resolve("safe.journal");
            Map<String, String> member = Map.of("base-url", server.baseUrl().toString(), "signing-secret", SECRET);
            manager = StorageManager.of(StowageConfig.builder().environment(Map.of()).noPropertiesFile()
                    .disk("local", "memory", member).disk("media", "memory", member).disk("main", "memory", member)
                    .disk("spare", "memory", member)
                    .disk("files", "routing", Map.of("rules", "**/temp/** -> local; **/*.{jpg,png,bin} -> media; ** -> main"))
                    .disk("safe", "failover", Map.of("primary", "main", "fallbacks", "spare", "journal", journal.toString()))
                    .disk("tenant", "memory", Map.of("base-url", server.baseUrl().toString(), "signing-secret", SECRET,
                            "prefix", "tenants/a/"))
                    .defaultDisk("files").build());
            for (String name : manager.names()) {
                if (!name.equals("files") && !name.equals("safe")) {
                    // signed URLs carry the driver's own keys (prefix included): serve the disk under the layers
                    server.register(Stowage.wrap(manager.disk(name).unwrap(MemoryDriver.class)), SECRET);
                }
            }
            return manager.disk(disk());
        }

        @AfterAll
        void closeAll() {
            manager.close();
            server.close();
        }
    }

    @Nested
    class Routing extends Composed {
        @Override
        String disk() {
            return "files";
        }
    }

    @Nested
    class Failover extends Composed {
        @Override
        String disk() {
            return "safe";
        }
    }

    @Nested
    class Tenant extends Composed {
        @Override
        String disk() {
            return "tenant";
        }
    }
}
