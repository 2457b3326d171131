package dev.stowage.bench;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.options.BlockBlobSimpleUploadOptions;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobContainerClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import dev.stowage.Content;
import dev.stowage.Storage;
import dev.stowage.Stowage;
import dev.stowage.spi.DiskConfig;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The Azure driver against a raw {@code BlobContainerClient} (same SDK, same settings) on one
 * Azurite that this program starts on a free loopback port: put and get of 4 KiB and 1 MiB,
 * interleaved op by op. Stowage's put does more than the raw {@code upload(BinaryData, true)}:
 * it computes MD5 and CRC32C and sends the MD5 for the service to verify; its get is measured with
 * and without the end-of-stream check of the stored CRC32C ({@code verify-reads}).
 *
 * <p>Run: {@code ./mvnw -q -pl stowage-bench -am package -DskipTests exec:exec -Dbench=azure}
 * ({@code -Dbench.jvmArgs=-Dsamples=N} changes the 400 samples per workload).
 * (needs {@code node}; Azurite is installed under {@code stowage-azure/} by {@code npm ci}).
 */
public final class AzureBench {
    private static final String ACCOUNT = "devstoreaccount1";
    private static final String KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static final int KEYS = 64;

    private AzureBench() {
    }

    public static void main(String[] args) throws Exception {
        long warmupMillis = Long.getLong("warmup.ms", 15_000);
        int samples = Integer.getInteger("samples", 400);
        Path azuriteDir = Path.of(System.getProperty("azurite.dir", "../stowage-azure")).toAbsolutePath().normalize();
        int port = freePort();
        Process azurite = startAzurite(azuriteDir, port);
        try {
            String endpoint = "http://127.0.0.1:" + port + "/" + ACCOUNT;
            DiskConfig config = DiskConfig.of("bench", "azure", Map.of("container", "bench", "account", ACCOUNT,
                    "account-key", KEY, "endpoint", endpoint, "create-container", "true"));
            System.out.println("# azure driver vs raw BlobContainerClient (azure-storage-blob 12.37.2) on Azurite "
                    + "3.35.0, one thread; warm-up " + warmupMillis + " ms per workload, then " + samples
                    + " samples, Stowage and raw interleaved op by op (who goes first alternates)");
            System.out.println("# ratio = median Stowage latency / median raw latency (<1: Stowage faster; target <= 1.05)");
            System.out.println(Machine.line());
            System.out.println("| workload | Stowage | raw | median ratio | p25 ratio | p75 ratio | Stowage median ms | raw median ms |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            try (Storage storage = Stowage.open(config);
                    Storage unverified = Stowage.open(config.with("verify-reads", "false"))) {
                BlobContainerClient raw = new BlobContainerClientBuilder().endpoint(endpoint + "/bench")
                        .credential(new StorageSharedKeyCredential(ACCOUNT, KEY)).buildClient();
                for (int size : new int[] {4 * 1024, 1024 * 1024}) {
                    byte[] data = new byte[size];
                    new Random(42).nextBytes(data);
                    String label = size < 1024 * 1024 ? (size / 1024) + " KiB" : (size / (1024 * 1024)) + " MiB";
                    String sk = "stowage-" + size + "/";
                    String rk = "raw-" + size + "/";
                    Contender.Step stowagePut = i -> storage.put(key(sk, i), Content.of(data));
                    Contender.Step rawPut = i -> raw.getBlobClient(key(rk, i)).upload(BinaryData.fromBytes(data), true);
                    interleave("put " + label, "put", "upload(BinaryData, true)", stowagePut, rawPut, warmupMillis,
                            samples);
                    // what integrity costs by itself: the raw SDK sending a transactional MD5, as Stowage does
                    Contender.Step rawMd5Put = i -> raw.getBlobClient(key(rk, i)).getBlockBlobClient().uploadWithResponse(
                            new BlockBlobSimpleUploadOptions(BinaryData.fromBytes(data))
                                    .setContentMd5(MessageDigest.getInstance("MD5").digest(data)), null, Context.NONE);
                    interleave("put " + label, "raw + Content-MD5", "upload(BinaryData, true)", rawMd5Put, rawPut,
                            warmupMillis, samples);
                    Contender.Step stowageGet = i -> consume(storage.getBytes(key(sk, i)));
                    Contender.Step plainGet = i -> consume(unverified.getBytes(key(sk, i)));
                    Contender.Step rawGet = i -> consume(raw.getBlobClient(key(rk, i)).downloadContent().toBytes());
                    interleave("get " + label, "getBytes (CRC32C checked)", "downloadContent", stowageGet, rawGet,
                            warmupMillis, samples);
                    interleave("get " + label, "getBytes (verify-reads=false)", "downloadContent", plainGet, rawGet,
                            warmupMillis, samples);
                }
            }
        } finally {
            azurite.destroy();
            if (!azurite.waitFor(5, TimeUnit.SECONDS)) {
                azurite.destroyForcibly();
            }
        }
    }

    private static String key(String stem, int i) {
        return stem + "obj-" + (i % KEYS) + ".bin";
    }

    /**
     * Runs both ops alternately, one call each in turn, and prints the ratio of their median
     * latencies. Interleaving op by op keeps both sides under the same machine load, which on a
     * shared machine moves far more than either side's cost.
     */
    private static void interleave(String workload, String subject, String baseline, Contender.Step s, Contender.Step b, long warmupMillis,
            int samples) throws Exception {
        int i = 0;
        long warmEnd = System.nanoTime() + warmupMillis * 1_000_000;
        while (System.nanoTime() < warmEnd) {
            s.run(i);
            b.run(i++);
        }
        long[] st = new long[samples];
        long[] bt = new long[samples];
        double[] ratios = new double[samples];
        for (int n = 0; n < samples; n++, i++) {
            if ((n & 1) == 0) {
                st[n] = time(s, i);
                bt[n] = time(b, i);
            } else {
                bt[n] = time(b, i);
                st[n] = time(s, i);
            }
            ratios[n] = (double) st[n] / bt[n];
        }
        Arrays.sort(st);
        Arrays.sort(bt);
        Arrays.sort(ratios);
        double median = (double) st[samples / 2] / bt[samples / 2];
        System.out.println(String.format(Locale.ROOT, "| %s | %s | %s | %.2f | %.2f | %.2f | %.2f | %.2f |", workload,
                subject, baseline, median, ratios[samples / 4], ratios[samples * 3 / 4], st[samples / 2] / 1e6,
                bt[samples / 2] / 1e6));
    }

    private static long time(Contender.Step op, int i) throws Exception {
        long start = System.nanoTime();
        op.run(i);
        return System.nanoTime() - start;
    }

    private static void consume(byte[] bytes) {
        if (bytes.length == 0) {
            throw new IllegalStateException("empty read");
        }
    }


    private static Process startAzurite(Path dir, int port) throws IOException, InterruptedException {
        Path launcher = dir.resolve("node_modules/.bin/azurite-blob");
        if (!Files.exists(launcher)) {
            Process ci = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(dir.toFile())
                    .inheritIO().start();
            if (ci.waitFor() != 0) {
                throw new IOException("npm ci failed in " + dir);
            }
        }
        File log = Files.createTempFile("azurite-bench-", ".log").toFile();
        Process p = new ProcessBuilder("node", launcher.toString(), "--blobHost", "127.0.0.1", "--blobPort",
                Integer.toString(port), "--inMemoryPersistence", "--skipApiVersionCheck", "--loose",
                "--disableTelemetry").directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return p;
            } catch (IOException notYet) {
                if (!p.isAlive()) {
                    throw new IOException("Azurite exited; see " + log);
                }
                Thread.sleep(50);
            }
        }
        p.destroyForcibly();
        throw new IOException("Azurite did not start; see " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
