package dev.stowage.bench.suites;

import dev.stowage.Stowage;
import dev.stowage.bench.harness.BenchSettings;
import dev.stowage.bench.harness.OpendalClient;
import dev.stowage.bench.harness.StandardWorkloads;
import dev.stowage.bench.harness.StowageClient;
import dev.stowage.bench.harness.Suite;
import dev.stowage.bench.harness.Workload;
import dev.stowage.spi.DiskConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The Azure driver on an Azurite this suite starts on 127.0.0.1 (in-memory, stopped on close),
 * against the raw SDK it is built on ({@link AzureSdkClient}: floor, target 0.95) and OpenDAL's
 * {@code azblob} service (target 1.0). All three share one container, each under its own prefix.
 */
public final class AzureSuite implements Suite {
    private static final String CONTAINER = "bench";

    private final Azurite azurite;
    private final StowageClient stowage;
    private final AzureSdkClient sdk;
    private final OpendalClient opendal;

    /** Starts Azurite from {@code azuriteDir} (where {@code stowage-azure/package.json} is) and the clients. */
    public AzureSuite(Path azuriteDir) throws Exception {
        this.azurite = Azurite.start(azuriteDir);
        try {
            String endpoint = azurite.endpoint();
            this.stowage = new StowageClient("stowage", Stowage.open(DiskConfig.of("bench", "azure",
                    Map.of("container", CONTAINER, "account", Azurite.ACCOUNT, "account-key", Azurite.KEY,
                            "endpoint", endpoint, "create-container", "true"))));
            this.sdk = new AzureSdkClient(endpoint, CONTAINER);
            this.opendal = new OpendalClient("azblob", Map.of("container", CONTAINER, "endpoint", endpoint,
                    "account_name", Azurite.ACCOUNT, "account_key", Azurite.KEY), AzureSdkClient.PARALLELISM);
        } catch (Exception | Error e) {
            azurite.close();
            throw e;
        }
    }

    /** Opens the suite with Azurite from {@code -Dazurite.dir} (default {@code ../stowage-azure}). */
    public static AzureSuite open(BenchSettings settings) throws Exception {
        return new AzureSuite(Path.of(System.getProperty("azurite.dir", "../stowage-azure")).toAbsolutePath().normalize());
    }

    @Override
    public String driver() {
        return "azure";
    }

    @Override
    public String description() {
        return "Stowage's Azure driver (default settings) vs the raw `azure-storage-blob` 12.37.2 client (tuned: "
                + "`upload(BinaryData, true)`, `downloadContent`, 5,000-entry list pages, " + AzureSdkClient.DELETE_CONCURRENCY
                + " concurrent async deletes, parallel transfers of " + AzureSdkClient.BLOCK_MIB + " MiB blocks × "
                + AzureSdkClient.PARALLELISM + ", the async client for async puts) and OpenDAL 0.48.2's `azblob` "
                + "service, all on one Azurite 3.35.0 (Node " + nodeVersion() + ", in-memory) started on 127.0.0.1 "
                + "by the suite. Azurite has no Blob Batch: deletes are parallel single requests on every side.";
    }

    private static String nodeVersion() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes()).strip();
            p.waitFor();
            return v.startsWith("v") ? v.substring(1) : v;
        } catch (Exception e) {
            return "?";
        }
    }

    @Override
    public List<Workload> workloads(BenchSettings settings) throws Exception {
        return new StandardWorkloads(settings, "", stowage,
                List.of(StandardWorkloads.Side.raw(sdk), StandardWorkloads.Side.opendal(opendal))).build();
    }

    @Override
    public void close() throws Exception {
        try (azurite; stowage; opendal) {
            // all closed, Azurite last
        }
    }
}
