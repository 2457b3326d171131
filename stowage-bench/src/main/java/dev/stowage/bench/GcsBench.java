package dev.stowage.bench;

import com.google.cloud.NoCredentials;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.StorageOptions;
import dev.stowage.Content;
import dev.stowage.Storage;
import dev.stowage.Stowage;
import dev.stowage.driver.gcs.emulator.GcsEmulator;
import dev.stowage.spi.DiskConfig;
import java.util.Map;
import java.util.Random;

/**
 * The GCS driver against the raw {@code google-cloud-storage} client, both talking to the
 * in-process GCS emulator on 127.0.0.1 with the same client settings (JSON over HTTP, no
 * credentials). Puts are single-request uploads on both sides; gets read the whole object. Stowage
 * gets are measured twice: by default (metadata request + CRC32C check of the bytes) and with
 * {@code verify-reads=false} (one request, as the raw client).
 *
 * <p>Run: {@code ./mvnw -q -pl stowage-bench -am package -DskipTests && ./mvnw -q -pl stowage-bench exec:exec -Dbench=gcs}
 */
public final class GcsBench {
    private static final int KEYS = 64;

    private GcsBench() {
    }

    public static void main(String[] args) throws Exception {
        long warmupMillis = Long.getLong("warmup.ms", 10_000);
        int rounds = Integer.getInteger("rounds", 9);
        System.out.println("# GCS driver vs raw google-cloud-storage 2.71.0 client, both on the in-process emulator; warm-up "
                + warmupMillis + " ms per workload, " + rounds + " rounds; ratio = Stowage throughput / raw throughput"
                + " (>1: Stowage faster)");
        System.out.println(Machine.line());
        System.out.println(AlternatingRunner.markdownHeader());
        try (GcsEmulator emulator = GcsEmulator.start()) {
            emulator.createBucket("bench-stowage");
            emulator.createBucket("bench-raw");
            Map<String, String> common = Map.of("endpoint", emulator.endpoint(), "project-id", "bench");
            DiskConfig verified = DiskConfig.of("gcs-bench", "gcs", common).with("bucket", "bench-stowage");
            com.google.cloud.storage.Storage raw = StorageOptions.http().setHost(emulator.endpoint())
                    .setProjectId("bench").setCredentials(NoCredentials.getInstance()).build().getService();
            try (Storage storage = Stowage.open(verified);
                    Storage unverified = Stowage.open(verified.with("verify-reads", "false"))) {
                for (int size : new int[] {4 * 1024, 1024 * 1024}) {
                    int ops = size < 100_000 ? 200 : 30;
                    AlternatingRunner runner = new AlternatingRunner(warmupMillis, rounds, ops);
                    byte[] data = new byte[size];
                    new Random(42).nextBytes(data);
                    String label = size < 1024 * 1024 ? (size / 1024) + " KiB" : (size / (1024 * 1024)) + " MiB";
                    Contender stowagePut = Contender.of("stowage gcs put", i -> storage.put(key(i), Content.of(data)));
                    Contender rawPut = Contender.of("raw Storage.create", i -> raw.create(
                            BlobInfo.newBuilder(BlobId.of("bench-raw", key(i)))
                                    .setContentType("application/octet-stream").build(), data));
                    print(runner.compare("put " + label, stowagePut, rawPut));
                    Contender stowageGet = Contender.of("stowage gcs get (verified)", i -> consume(storage.getBytes(key(i))));
                    Contender stowageGetFast = Contender.of("stowage gcs get (verify-reads=false)",
                            i -> consume(unverified.getBytes(key(i))));
                    Contender rawGet = Contender.of("raw Storage.readAllBytes",
                            i -> consume(raw.readAllBytes(BlobId.of("bench-raw", key(i)))));
                    print(runner.compare("get " + label, stowageGet, rawGet));
                    print(runner.compare("get " + label, stowageGetFast, rawGet));
                }
            } finally {
                raw.close();
            }
        }
    }

    private static String key(int i) {
        return "bench/obj-" + (i % KEYS) + ".bin";
    }

    private static void print(AlternatingRunner.Result r) {
        System.out.println(r.markdownRow());
    }

    private static void consume(byte[] bytes) {
        if (bytes.length == 0) {
            throw new IllegalStateException("empty read");
        }
    }


}
