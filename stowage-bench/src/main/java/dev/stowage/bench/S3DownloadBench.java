package dev.stowage.bench;

import dev.stowage.Content;
import dev.stowage.bench.suites.S3ProxyProcess;
import dev.stowage.DownloadSettings;
import dev.stowage.Storage;
import dev.stowage.Stowage;
import dev.stowage.driver.s3.S3Driver;
import dev.stowage.spi.DiskConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The 256 MiB download of issue 10 on s3proxy (own JVM): {@code storage.download} as parallel
 * ranges (default 4 x 8 MiB, and 8 in flight) against the single-stream download it replaced
 * ({@code download.concurrency=1}, the same code path as before: one GET streamed into the temp
 * file), and against the raw SDK's {@code getObject} into a file through the same client.
 *
 * <p>Run: {@code ./mvnw -q -pl stowage-bench -am package -DskipTests exec:exec -Dbench=s3-download}
 * (system properties {@code warmup.ms}, default 8000, and {@code rounds}, default 5).
 */
public final class S3DownloadBench {
    private static final int SIZE = 256 << 20;

    private S3DownloadBench() {
    }

    public static void main(String[] args) throws Exception {
        long warmupMillis = Long.getLong("warmup.ms", 8_000);
        int rounds = Integer.getInteger("rounds", 5);
        Path dir = Files.createTempDirectory("s3-download-bench");
        try (S3ProxyProcess server = S3ProxyProcess.start(dir.resolve("store"), S3ProxyProcess.ACCESS,
                S3ProxyProcess.SECRET)) {
            run(server.endpoint(), dir, warmupMillis, rounds);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static void run(URI endpoint, Path dir, long warmupMillis, int rounds) throws Exception {
        DiskConfig config = DiskConfig.of("bench", "s3", Map.of("bucket", "bench", "endpoint", endpoint.toString(),
                "path-style", "true", "access-key", S3ProxyProcess.ACCESS, "secret-key", S3ProxyProcess.SECRET,
                "create-bucket", "true"));
        System.out.println("# 256 MiB download from s3proxy 4.1.0 (own JVM, transient store) at " + endpoint
                + "; warm-up " + warmupMillis + " ms per comparison, " + rounds + " alternating rounds of one"
                + " download; ratio = subject throughput / baseline throughput");
        System.out.println(Machine.line());
        System.out.println(AlternatingRunner.markdownHeader());
        try (Storage storage = Stowage.open(config)) {
            S3Driver driver = storage.unwrap(S3Driver.class);
            Storage single = Stowage.wrap(driver, 16, new DownloadSettings(16 << 20, 8 << 20, 1));
            Storage eight = Stowage.wrap(driver, 16, new DownloadSettings(16 << 20, 8 << 20, 8));
            S3Client client = driver.client();
            byte[] data = new byte[SIZE];
            new Random(42).nextBytes(data);
            storage.put("big.bin", Content.of(data));
            data = null;
            Path target = dir.resolve("big.bin");
            AlternatingRunner runner = new AlternatingRunner(warmupMillis, rounds, 1);
            Contender ranged = Contender.of("stowage download, 4 x 8 MiB ranges", i -> check(storage.download("big.bin", target)));
            Contender ranged8 = Contender.of("stowage download, 8 x 8 MiB ranges", i -> check(eight.download("big.bin", target)));
            Contender before = Contender.of("stowage download, one stream (before)",
                    i -> check(single.download("big.bin", target)));
            Contender sdk = Contender.of("sdk getObject to file (same client)", i -> {
                Path raw = dir.resolve("raw.bin");
                Files.deleteIfExists(raw);
                client.getObject(b -> b.bucket("bench").key("big.bin"), ResponseTransformer.toFile(raw));
                check(Files.size(raw));
            });
            print(runner.compare("download 256 MiB", ranged, before));
            print(runner.compare("download 256 MiB", ranged8, before));
            print(runner.compare("download 256 MiB", ranged, sdk));
        }
    }

    private static void check(long n) {
        if (n != SIZE) {
            throw new IllegalStateException("downloaded " + n + " bytes, expected " + SIZE);
        }
    }

    private static void print(AlternatingRunner.Result r) {
        System.out.println(r.markdownRow() + String.format(java.util.Locale.ROOT, " (%.0f vs %.0f MiB/s)",
                r.subjectOpsPerSec() * 256, r.baselineOpsPerSec() * 256));
    }
}
