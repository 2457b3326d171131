package dev.stowage.bench.resources;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The servers the resources benchmark streams through, each a process of its own on a free
 * loopback port and storing on disk (a 1 GiB object does not belong in a test server's heap):
 * s3proxy 4.1.0 ({@code filesystem-nio2}) and Azurite ({@code --location}).
 */
final class Servers {
    static final String S3_ACCESS = "bench";
    static final String S3_SECRET = "bench-secret";
    static final String AZURE_ACCOUNT = "devstoreaccount1";
    static final String AZURE_KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /** A started server: its endpoint and its process, stopped by {@link #close}. */
    record Server(String endpoint, Process process) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private Servers() {
    }

    /** s3proxy from {@code target/s3proxy/s3proxy.jar} (copied there by the package phase), storing under {@code dir}. */
    static Server s3proxy(Path dir) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("s3proxy.jar", "target/s3proxy/s3proxy.jar")).toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run './mvnw -pl stowage-bench -am package -DskipTests'");
        }
        int port = freePort();
        Files.createDirectories(dir);
        Path props = dir.resolveSibling("s3proxy.properties");
        Files.writeString(props, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + S3_ACCESS,
                "s3proxy.credential=" + S3_SECRET,
                "s3proxy.ignore-unknown-headers=true",
                "jclouds.provider=filesystem-nio2",
                "jclouds.filesystem.basedir=" + dir.toAbsolutePath(),
                "jclouds.identity=" + S3_ACCESS,
                "jclouds.credential=" + S3_SECRET, ""));
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = dir.resolveSibling("s3proxy.log");
        Process p = new ProcessBuilder(java, "-Xmx512m", "-jar", jar.toString(), "--properties", props.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return await(new Server("http://127.0.0.1:" + port, p), port, log, 60);
    }

    /** Azurite's blob service from {@code azuriteDir/node_modules} ({@code npm ci} first if missing), storing under {@code dir}. */
    static Server azurite(Path azuriteDir, Path dir) throws IOException, InterruptedException {
        Path launcher = azuriteDir.resolve("node_modules/.bin/azurite-blob");
        if (!Files.exists(launcher)) {
            Process ci = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(azuriteDir.toFile())
                    .inheritIO().start();
            if (ci.waitFor() != 0) {
                throw new IOException("npm ci failed in " + azuriteDir);
            }
        }
        int port = freePort();
        Files.createDirectories(dir);
        Path log = dir.resolveSibling("azurite.log");
        Process p = new ProcessBuilder("node", launcher.toString(), "--blobHost", "127.0.0.1", "--blobPort",
                Integer.toString(port), "--location", dir.toAbsolutePath().toString(), "--skipApiVersionCheck",
                "--loose", "--disableTelemetry").directory(azuriteDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return await(new Server("http://127.0.0.1:" + port + "/" + AZURE_ACCOUNT, p), port, log, 30);
    }

    private static Server await(Server server, int port, Path log, int seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return server;
            } catch (IOException notYet) {
                if (!server.process().isAlive()) {
                    throw new IOException("the server exited; see " + log);
                }
                Thread.sleep(100);
            }
        }
        server.close();
        throw new IOException("the server did not listen on " + port + " within " + seconds + " s; see " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
