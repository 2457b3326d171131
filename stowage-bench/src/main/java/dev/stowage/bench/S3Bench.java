package dev.stowage.bench;

import dev.stowage.Content;
import dev.stowage.ObjectInfo;
import dev.stowage.Storage;
import dev.stowage.Stowage;
import dev.stowage.driver.s3.S3Driver;
import dev.stowage.spi.DiskConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3 driver against the raw AWS SDK {@code S3Client}, on one s3proxy started in its own JVM
 * (so its CPU is not charged to either contender's JIT or GC): put and get of 4 KiB and 1 MiB, and
 * a listing of 10,000 keys. Two baselines: the very {@code S3Client} the disk uses (configured the
 * same way: Apache 5 client, no expect-continue, checksums when required, unsigned payload on
 * http), which isolates the cost of Stowage's own layers; and an SDK client with default settings
 * for the same endpoint, which shows what the configuration buys.
 *
 * <p>Run: {@code ./mvnw -q -pl stowage-bench -am package -DskipTests exec:exec -Dbench=s3}
 * (system properties {@code warmup.ms}, {@code rounds}; {@code s3.endpoint} to use a running server
 * with access key {@code bench}/{@code bench-secret}).
 */
public final class S3Bench {
    static final String ACCESS = "bench";
    static final String SECRET = "bench-secret";
    private static final int KEYS = 64;
    private static final int LIST_KEYS = 10_000;

    private S3Bench() {
    }

    public static void main(String[] args) throws Exception {
        long warmupMillis = Long.getLong("warmup.ms", 15_000);
        int rounds = Integer.getInteger("rounds", 9);
        Process server = null;
        // A running server: -Ds3.endpoint or S3_ENDPOINT/S3_ACCESS_KEY/S3_SECRET_KEY (as tools/ceph/up prints),
        // with STOWAGE_BENCH_S3_PRESET=ceph for Ceph RGW.
        String endpoint = System.getProperty("s3.endpoint", System.getenv("S3_ENDPOINT"));
        if (endpoint == null) {
            int port = freePort();
            server = startS3Proxy(port);
            endpoint = "http://127.0.0.1:" + port;
        }
        try {
            run(URI.create(endpoint), warmupMillis, rounds);
        } finally {
            if (server != null) {
                server.destroy();
                server.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void run(URI endpoint, long warmupMillis, int rounds) throws Exception {
        String access = System.getenv().getOrDefault("S3_ACCESS_KEY", ACCESS);
        String secret = System.getenv().getOrDefault("S3_SECRET_KEY", SECRET);
        String preset = System.getenv("STOWAGE_BENCH_S3_PRESET");
        Map<String, String> settings = new java.util.HashMap<>(Map.of("bucket", "bench", "endpoint", endpoint.toString(),
                "path-style", "true", "access-key", access, "secret-key", secret, "create-bucket", "true"));
        if (preset != null) {
            settings.put("preset", preset);
        }
        DiskConfig config = DiskConfig.of("bench", "s3", settings);
        String server = preset == null ? "s3proxy 4.1.0 (own JVM)" : "a '" + preset + "' server";
        System.out.println("# s3 driver vs raw AWS SDK v2 S3Client against " + server + " at " + endpoint
                + "; warm-up " + warmupMillis + " ms per comparison, " + rounds + " alternating rounds;"
                + " ratio = Stowage throughput / SDK throughput (>1: Stowage faster)");
        System.out.println(Machine.line());
        System.out.println(AlternatingRunner.markdownHeader());
        try (Storage storage = Stowage.open(config);
                S3Client defaults = defaultClient(endpoint, access, secret, preset)) {
            S3Client same = storage.unwrap(S3Driver.class).client();
            for (int size : new int[] {4 * 1024, 1024 * 1024}) {
                int ops = size < 100_000 ? 100 : 20;
                AlternatingRunner runner = new AlternatingRunner(warmupMillis, rounds, ops);
                byte[] data = new byte[size];
                new Random(42).nextBytes(data);
                String label = size < 1024 * 1024 ? (size / 1024) + " KiB" : (size / (1024 * 1024)) + " MiB";
                String p = "obj-" + size + "/";
                Contender stowagePut = Contender.of("stowage s3 put", i -> storage.put(p + key(i), Content.of(data)));
                Contender rawPut = Contender.of("sdk put (same client)", i -> same.putObject(
                        b -> b.bucket("bench").key(p + key(i)).contentType("application/octet-stream"),
                        RequestBody.fromBytes(data)));
                Contender defaultPut = Contender.of("sdk put (default config)", i -> defaults.putObject(
                        b -> b.bucket("bench").key(p + key(i)).contentType("application/octet-stream"),
                        RequestBody.fromBytes(data)));
                print(runner.compare("put " + label, stowagePut, rawPut));
                print(runner.compare("put " + label, stowagePut, defaultPut));
                Contender stowageGet = Contender.of("stowage s3 get", i -> consume(storage.getBytes(p + key(i))));
                Contender rawGet = Contender.of("sdk get (same client)", i -> consume(
                        same.getObject(b -> b.bucket("bench").key(p + key(i)), ResponseTransformer.toBytes()).asByteArrayUnsafe()));
                Contender defaultGet = Contender.of("sdk get (default config)", i -> consume(
                        defaults.getObject(b -> b.bucket("bench").key(p + key(i)), ResponseTransformer.toBytes())
                                .asByteArrayUnsafe()));
                print(runner.compare("get " + label, stowageGet, rawGet));
                print(runner.compare("get " + label, stowageGet, defaultGet));
            }
            populate(storage);
            AlternatingRunner lister = new AlternatingRunner(warmupMillis, rounds, 1);
            Contender stowageList = Contender.of("stowage s3 list", i -> {
                try (var s = storage.list("list/")) {
                    check(s.mapToLong(ObjectInfo::size).count());
                }
            });
            Contender rawList = Contender.of("sdk list (same client)", i -> check(same.listObjectsV2Paginator(
                    b -> b.bucket("bench").prefix("list/").maxKeys(1000)).contents().stream().mapToLong(S3Object::size).count()));
            print(lister.compare("list 10,000 keys", stowageList, rawList));
        }
    }

    /** The SDK's defaults, except what the server cannot take (RGW 16.2 rejects aws-chunked checksum trailers). */
    private static S3Client defaultClient(URI endpoint, String access, String secret, String preset) {
        var b = S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(access, secret)));
        if ("ceph".equals(preset)) {
            b.requestChecksumCalculation(software.amazon.awssdk.core.checksums.RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(software.amazon.awssdk.core.checksums.ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return b.build();
    }

    private static void populate(Storage storage) throws InterruptedException {
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < LIST_KEYS; i++) {
                String k = String.format("list/%05d", i);
                pool.submit(() -> storage.put(k, Content.of("x")));
            }
            pool.shutdown();
            pool.awaitTermination(30, TimeUnit.MINUTES);
        }
    }

    private static void check(long count) {
        if (count != LIST_KEYS) {
            throw new IllegalStateException("listed " + count + " keys, expected " + LIST_KEYS);
        }
    }

    static Process startS3Proxy(int port) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("s3proxy.jar", "target/s3proxy/s3proxy.jar")).toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run './mvnw -pl stowage-bench -am package -DskipTests'");
        }
        Path props = Files.createTempFile("s3proxy-bench", ".properties");
        Files.writeString(props, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS,
                "s3proxy.credential=" + SECRET,
                "s3proxy.ignore-unknown-headers=true",
                "jclouds.provider=transient-nio2",
                "jclouds.identity=" + ACCESS,
                "jclouds.credential=" + SECRET, ""));
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-Xmx1g", "-jar", jar.toString(), "--properties", props.toString())
                .redirectErrorStream(true).redirectOutput(Path.of("target", "s3proxy.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return p;
            } catch (IOException notYet) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("s3proxy exited; see target/s3proxy.log");
                }
                Thread.sleep(100);
            }
        }
        p.destroy();
        throw new IllegalStateException("s3proxy did not listen on " + port + " within 60 s");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String key(int i) {
        return "obj-" + (i % KEYS) + ".bin";
    }

    private static void print(AlternatingRunner.Result r) {
        System.out.println(r.markdownRow());
        System.out.flush();
    }

    private static volatile int sink;

    private static void consume(byte[] bytes) {
        sink += bytes.length;
    }


}
