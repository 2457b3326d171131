package dev.stowage.bench;

import com.azure.core.util.BinaryData;
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
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The Azure driver against a raw {@code BlobContainerClient} (same SDK, same settings) on one
 * Azurite that this program starts on a free loopback port: put and get of 4 KiB and 1 MiB,
 * alternating round by round. Stowage's put does more than the raw {@code upload(BinaryData, true)}:
 * it computes MD5 and CRC32C and sends the MD5 for the service to verify; its get is measured with
 * and without the end-of-stream MD5 check ({@code verify-reads}).
 *
 * <p>Run: {@code ./mvnw -q -pl stowage-bench -am package -DskipTests exec:exec -Dbench=azure}
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
        int rounds = Integer.getInteger("rounds", 9);
        Path azuriteDir = Path.of(System.getProperty("azurite.dir", "../stowage-azure")).toAbsolutePath().normalize();
        int port = freePort();
        Process azurite = startAzurite(azuriteDir, port);
        try {
            String endpoint = "http://127.0.0.1:" + port + "/" + ACCOUNT;
            DiskConfig config = DiskConfig.of("bench", "azure", Map.of("container", "bench", "account", ACCOUNT,
                    "account-key", KEY, "endpoint", endpoint, "create-container", "true"));
            System.out.println("# azure driver vs raw BlobContainerClient (azure-storage-blob 12.37.2) on Azurite "
                    + "3.35.0; warm-up " + warmupMillis + " ms per workload, " + rounds
                    + " rounds; ratio = Stowage throughput / raw throughput (>1: Stowage faster; 0.95 = 5% slower)");
            System.out.println(Machine.line());
            System.out.println(AlternatingRunner.markdownHeader());
            try (Storage storage = Stowage.open(config);
                    Storage unverified = Stowage.open(config.with("verify-reads", "false"))) {
                BlobContainerClient raw = new BlobContainerClientBuilder().endpoint(endpoint + "/bench")
                        .credential(new StorageSharedKeyCredential(ACCOUNT, KEY)).buildClient();
                for (int size : new int[] {4 * 1024, 1024 * 1024}) {
                    int ops = size < 100_000 ? 100 : 20;
                    AlternatingRunner runner = new AlternatingRunner(warmupMillis, rounds, ops);
                    byte[] data = new byte[size];
                    new Random(42).nextBytes(data);
                    String label = size < 1024 * 1024 ? (size / 1024) + " KiB" : (size / (1024 * 1024)) + " MiB";
                    String sk = "stowage-" + size + "/";
                    String rk = "raw-" + size + "/";
                    Contender stowagePut = named("stowage put", i -> storage.put(key(sk, i), Content.of(data)));
                    Contender rawPut = named("raw upload(BinaryData, overwrite)",
                            i -> raw.getBlobClient(key(rk, i)).upload(BinaryData.fromBytes(data), true));
                    print(runner.compare("put " + label, stowagePut, rawPut));
                    Contender stowageGet = named("stowage getBytes (MD5 checked)",
                            i -> consume(storage.getBytes(key(sk, i))));
                    Contender plainGet = named("stowage getBytes (verify-reads=false)",
                            i -> consume(unverified.getBytes(key(sk, i))));
                    Contender rawGet = named("raw downloadContent",
                            i -> consume(raw.getBlobClient(key(rk, i)).downloadContent().toBytes()));
                    print(runner.compare("get " + label, stowageGet, rawGet));
                    print(runner.compare("get " + label, plainGet, rawGet));
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

    private static void print(AlternatingRunner.Result r) {
        System.out.println(r.markdownRow());
    }

    private static void consume(byte[] bytes) {
        if (bytes.length == 0) {
            throw new IllegalStateException("empty read");
        }
    }

    private interface Op {
        void run(int i) throws Exception;
    }

    private static Contender named(String name, Op op) {
        return new Contender() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void run(int i) throws Exception {
                op.run(i);
            }
        };
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
