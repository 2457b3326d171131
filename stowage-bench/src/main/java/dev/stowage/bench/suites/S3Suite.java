package dev.stowage.bench.suites;

import dev.stowage.Storage;
import dev.stowage.Stowage;
import dev.stowage.bench.harness.BenchSettings;
import dev.stowage.bench.harness.ObjectClient;
import dev.stowage.bench.harness.OpendalClient;
import dev.stowage.bench.harness.StandardWorkloads;
import dev.stowage.bench.harness.StowageClient;
import dev.stowage.bench.harness.Suite;
import dev.stowage.bench.harness.Workload;
import dev.stowage.spi.DiskConfig;
import org.apache.opendal.layer.RetryLayer;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The S3 driver against the raw AWS SDK ({@link RawS3Client}) and OpenDAL's {@code s3} service, on
 * s3proxy 4.1.0 started in its own JVM on 127.0.0.1 (stopped on close), or on a running server:
 * {@code S3_ENDPOINT} (or {@code -Ds3.endpoint}) with {@code S3_ACCESS_KEY}/{@code S3_SECRET_KEY} as
 * {@code tools/ceph/up} prints them, and {@code STOWAGE_BENCH_S3_PRESET=ceph} for Ceph RGW.
 * On a running server the run works under a prefix of its own and deletes it on close.
 */
public final class S3Suite implements Suite {
    private static final String ACCESS = "bench";
    private static final String SECRET = "bench-secret";
    private static final String BUCKET = "bench";
    private static final int PARALLELISM = 4;

    private final S3ProxyProcess server;
    private final String where;
    private final String root;
    private final String preset;
    private final Storage storage;
    private final StowageClient stowage;
    private final RawS3Client raw;
    private final OpendalClient opendal;
    private String deleteNote = "";
    private String overrides = "";

    /** Starts s3proxy (or uses the running server) and opens the three clients. */
    public S3Suite(BenchSettings bench) throws Exception {
        String endpoint = System.getProperty("s3.endpoint", System.getenv("S3_ENDPOINT"));
        String access = System.getenv().getOrDefault("S3_ACCESS_KEY", ACCESS);
        String secret = System.getenv().getOrDefault("S3_SECRET_KEY", SECRET);
        this.preset = System.getenv("STOWAGE_BENCH_S3_PRESET");
        if (endpoint == null) {
            server = S3ProxyProcess.start(bench.workDir().resolve("s3proxy-store"), access, secret);
            endpoint = server.endpoint().toString();
            where = "s3proxy 4.1.0 (`filesystem-nio2` store) in its own JVM on 127.0.0.1";
            root = "";
        } else {
            server = null;
            where = (preset == null ? "a running S3 server" : "a running '" + preset + "' server") + " at " + endpoint;
            root = "bench-" + System.currentTimeMillis() + "/";
        }
        try {
            Map<String, String> settings = new HashMap<>(Map.of("bucket", BUCKET, "endpoint", endpoint,
                    "path-style", "true", "access-key", access, "secret-key", secret, "create-bucket", "true",
                    "parallelism", Integer.toString(PARALLELISM)));
            if (preset != null) {
                settings.put("preset", preset);
            }
            // Experiments: -Ds3.settings=checksum=when-required,part-size=16MiB (the report then says so).
            for (String kv : System.getProperty("s3.settings", "").split(",")) {
                if (kv.contains("=")) {
                    settings.put(kv.substring(0, kv.indexOf('=')).strip(), kv.substring(kv.indexOf('=') + 1).strip());
                    overrides = overrides + " " + kv.strip();
                }
            }
            this.storage = Stowage.open(DiskConfig.of("bench", "s3", settings));
            this.stowage = new StowageClient("stowage", storage);
            this.raw = new RawS3Client(URI.create(endpoint), BUCKET, access, secret, PARALLELISM);
            this.opendal = new OpendalClient("s3", Map.of("bucket", BUCKET, "endpoint", endpoint, "region", "us-east-1",
                    "access_key_id", access, "secret_access_key", secret, "disable_config_load", "true",
                    "disable_ec2_metadata", "true", "enable_virtual_host_style", "false"), PARALLELISM,
                    List.of(RetryLayer.builder().build())); // retries, as Stowage and the SDK do
        } catch (Exception | Error e) {
            if (server != null) {
                server.close();
            }
            throw e;
        }
    }

    @Override
    public String driver() {
        return "s3";
    }

    @Override
    public String description() {
        return String.format(Locale.ROOT, "Stowage's S3 driver (" + (overrides.isEmpty() ? "" : "settings" + overrides
                + "; ") + "defaults: Apache 5 client, CRC32C header on every write,"
                + " checked on full reads, unsigned payload on http) vs the raw AWS SDK v2 2.57.8 tuned the same way"
                + " (Apache 5, no expect-continue, checksums `WHEN_REQUIRED`; upload: the SDK's multipart `S3AsyncClient`"
                + " on Netty; download: %d ranged GETs at once; async puts: the blocking client on virtual threads, 256"
                + " in flight) and OpenDAL 0.48.2's `s3` service with its `RetryLayer`%s, on %s. System load average when the suite started:"
                + " %.2f.", PARALLELISM, deleteNote, where,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    @Override
    public List<Workload> workloads(BenchSettings settings) throws Exception {
        if (!settings.quick()) {
            pickOpendalDelete();
        }
        return new StandardWorkloads(settings, root, stowage,
                List.of(StandardWorkloads.Side.raw(raw), StandardWorkloads.Side.opendal(opendal))).build();
    }

    /**
     * OpenDAL deletes 1,000 keys either with 1,000 concurrent async deletes or with {@code removeAll}
     * on their parent (a listing, then batch deletes): time both a few times and keep the faster.
     */
    private void pickOpendalDelete() throws Exception {
        byte[] data = new byte[64];
        long[] best = {Long.MAX_VALUE, Long.MAX_VALUE};
        OpendalClient.DeleteMode[] modes = OpendalClient.DeleteMode.values();
        for (int round = 0; round < 3; round++) {
            for (int m = 0; m < modes.length; m++) {
                String p = root + "opendal-delete-probe/" + round + "-" + m + "/";
                List<String> keys = new ArrayList<>();
                List<CompletableFuture<?>> writes = new ArrayList<>();
                for (int k = 0; k < 1000; k++) {
                    keys.add(p + k);
                    writes.add(opendal.putAsync(p + k, data));
                }
                CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get();
                opendal.deleteMode(modes[m]);
                long t0 = System.nanoTime();
                opendal.deleteAll(keys);
                best[m] = Math.min(best[m], System.nanoTime() - t0);
            }
        }
        OpendalClient.DeleteMode faster = best[0] <= best[1] ? modes[0] : modes[1];
        opendal.deleteMode(faster);
        deleteNote = String.format(Locale.ROOT, " (its delete of 1,000 keys uses %s, the faster here: best of 3,"
                + " async deletes %.0f ms, removeAll %.0f ms)", faster == OpendalClient.DeleteMode.REMOVE_ALL
                ? "`removeAll` on their prefix" : "1,000 concurrent async deletes", best[0] / 1e6, best[1] / 1e6);
        System.out.println("opendal delete:" + deleteNote);
    }

    @Override
    public void close() throws Exception {
        System.out.println("s3 suite: peak live platform threads in this JVM (all contenders, OpenDAL's and Netty's"
                + " included): " + ManagementFactory.getThreadMXBean().getPeakThreadCount());
        try (S3ProxyProcess s = server; ObjectClient o = opendal; ObjectClient r = raw; StowageClient st = stowage) {
            if (s == null) {
                storage.deletePrefix(root); // a running server keeps nothing of this run
            }
        }
    }
}
