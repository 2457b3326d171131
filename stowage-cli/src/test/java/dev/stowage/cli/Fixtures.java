package dev.stowage.cli;

import dev.stowage.Storage;
import dev.stowage.Stowage;
import dev.stowage.driver.gcs.emulator.GcsEmulator;
import dev.stowage.spi.DiskConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * The real servers the cross-provider tests run against, all on 127.0.0.1: s3proxy 4.1.0 in this
 * JVM, Azurite (Node, from {@code stowage-azure}'s package.json, installed with {@code npm ci} if
 * missing) as a child process, and the GCS emulator of {@code stowage-gcs}'s test sources. Each is
 * started by the test that needs it and closed by it.
 */
final class Fixtures {
    static final String S3_ACCESS = "transfer-access";
    static final String S3_SECRET = "transfer-secret-never-printed";
    static final String AZ_ACCOUNT = "devstoreaccount1";
    static final String AZ_KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private Fixtures() {
    }

    /** A started s3proxy (in memory). */
    static S3Proxy s3proxy() throws Exception {
        S3Proxy proxy = S3Proxy.builder().blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, S3_ACCESS, S3_SECRET)
                .ignoreUnknownHeaders(true).build();
        proxy.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
        return proxy;
    }

    /** A disk on a fresh bucket of {@code proxy}. */
    static Storage s3(String name, S3Proxy proxy) {
        return Stowage.open(DiskConfig.of(name, "s3", Map.of("bucket", "b-" + UUID.randomUUID().toString().substring(0, 12),
                "endpoint", "http://127.0.0.1:" + proxy.getPort(), "region", "us-east-1", "path-style", "true",
                "access-key", S3_ACCESS, "secret-key", S3_SECRET, "create-bucket", "true")));
    }

    /** A running Azurite blob service. */
    record Azurite(Process process, int port) implements AutoCloseable {
        Storage disk(String name) {
            return Stowage.open(DiskConfig.of(name, "azure", Map.of("container", "c" + UUID.randomUUID().toString()
                    .replace("-", "").substring(0, 12), "account", AZ_ACCOUNT, "account-key", AZ_KEY,
                    "endpoint", "http://127.0.0.1:" + port + "/" + AZ_ACCOUNT, "create-container", "true")));
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** Starts Azurite from {@code ../stowage-azure} (the module that pins it). */
    static Azurite azurite() throws IOException, InterruptedException {
        Path dir = Path.of(System.getProperty("azurite.dir", "../stowage-azure")).toAbsolutePath().normalize();
        Path launcher = dir.resolve("node_modules/.bin/azurite-blob");
        if (!Files.exists(launcher)) {
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(Path.of("target/npm-ci.log").toFile()).start();
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                throw new IOException("npm ci failed in " + dir + " (see target/npm-ci.log)");
            }
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Process p = new ProcessBuilder("node", launcher.toString(), "--blobHost", "127.0.0.1", "--blobPort",
                Integer.toString(port), "--inMemoryPersistence", "--skipApiVersionCheck", "--loose", "--disableTelemetry")
                .directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(Path.of("target/azurite-transfer.log").toFile()).start();
        Azurite azurite = new Azurite(p, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IOException("Azurite exited with " + p.exitValue() + " (see target/azurite-transfer.log)");
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return azurite;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        azurite.close();
        throw new IOException("Azurite did not start within 30 s");
    }

    /** A disk on a fresh bucket of the GCS emulator. */
    static Storage gcs(String name, GcsEmulator emulator) {
        String bucket = "b-" + UUID.randomUUID().toString().substring(0, 12);
        emulator.createBucket(bucket);
        return Stowage.open(DiskConfig.of(name, "gcs", Map.of("bucket", bucket, "endpoint", emulator.endpoint(),
                "project-id", "stowage-test")));
    }
}
