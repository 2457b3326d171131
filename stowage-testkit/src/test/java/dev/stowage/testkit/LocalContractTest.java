package dev.stowage.testkit;

import dev.stowage.Storage;
import dev.stowage.Stowage;
import dev.stowage.spi.DiskConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/** The local driver passes the whole contract, its signed URLs served by {@link SignedUrlServer}. */
class LocalContractTest extends StorageContract {
    private static final String SECRET = "local-contract-signing-secret";

    private SignedUrlServer server;
    private Path root;

    @Override
    protected Storage openStorage() throws Exception {
        root = Files.createTempDirectory("stowage-local-contract-");
        server = SignedUrlServer.start();
        Storage disk = Stowage.open(DiskConfig.of("contract-local", "local", Map.of("root", root.toString(),
                "base-url", server.baseUrl().toString(), "signing-secret", SECRET, "metadata", metadataMode())));
        server.register(disk, SECRET);
        return disk;
    }

    /** The local driver's setting {@code metadata} under test. */
    protected String metadataMode() {
        return "auto";
    }

    @AfterAll
    void stopTheServerAndRemoveTheRoot() throws Exception {
        if (server != null) {
            server.close();
        }
        if (root != null) {
            try (var paths = Files.walk(root)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
