package dev.stowage.bench.suites;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * An Azurite blob service (npm, pinned in {@code stowage-azure/package.json}; {@code npm ci} runs
 * there if it is missing) started on a free 127.0.0.1 port with in-memory storage and stopped on
 * close. The process started is node running Azurite itself, so its PID is the server's.
 */
final class Azurite implements AutoCloseable {
    static final String ACCOUNT = "devstoreaccount1";
    /** Azurite's published development key (not a secret). */
    static final String KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private final Process process;
    private final int port;

    private Azurite(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts Azurite from {@code dir} (the directory holding its package.json). */
    static Azurite start(Path dir) throws IOException, InterruptedException {
        Path launcher = dir.resolve("node_modules/.bin/azurite-blob");
        if (!Files.exists(launcher)) {
            Process ci = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(dir.toFile())
                    .inheritIO().start();
            if (ci.waitFor() != 0) {
                throw new IOException("npm ci failed in " + dir);
            }
        }
        int port = freePort();
        File log = Files.createTempFile("azurite-bench-", ".log").toFile();
        Process p = new ProcessBuilder("node", launcher.toString(), "--blobHost", "127.0.0.1", "--blobPort",
                Integer.toString(port), "--inMemoryPersistence", "--skipApiVersionCheck", "--loose",
                "--disableTelemetry").directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return new Azurite(p, port);
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

    /** The blob service endpoint, {@code http://127.0.0.1:PORT/devstoreaccount1}. */
    String endpoint() {
        return "http://127.0.0.1:" + port + "/" + ACCOUNT;
    }

    /** The server's process id (for a profile or a CPU reading). */
    long pid() {
        return process.pid();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
