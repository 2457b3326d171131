package dev.stowage.driver.azure;

import dev.stowage.spi.DiskConfig;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Azurite (npm, pinned in this module's package.json) on a free loopback port, started once
 * per test JVM and stopped when it exits. Installs it with {@code npm ci} when node_modules is
 * missing. Without {@code node} the Azure tests are skipped with a loud message, except when the
 * environment variable {@code CI=true}: then they fail, so CI can never pass without running them.
 * System properties: {@code azurite.dir} (where package.json is; the module directory),
 * {@code azurite.node} (the node executable, default {@code node}).
 */
final class Azurite {
    static final String ACCOUNT = "devstoreaccount1";
    static final String KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static final ReentrantLock LOCK = new ReentrantLock();
    private static Azurite shared;
    private static String unavailable;

    private final Process process;
    private final int port;

    private Azurite(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The running server, started on first use; skips (or fails under CI=true) when it cannot run. */
    static Azurite shared() {
        String why = whyUnavailable();
        if (why != null) {
            String message = "*** AZURE TESTS NOT RUN: " + why + " ***";
            System.err.println(message);
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(message + " (CI=true: the Azure tests must run in CI)");
            }
            Assumptions.abort(message);
        }
        return shared;
    }

    /** Starts the server if needed; {@code null} when it runs, else why it cannot. */
    static String whyUnavailable() {
        LOCK.lock();
        try {
            if (shared == null && unavailable == null) {
                try {
                    shared = start();
                } catch (Exception e) {
                    unavailable = e.getMessage();
                }
            }
            return shared == null ? unavailable : null;
        } finally {
            LOCK.unlock();
        }
    }

    /** The blob endpoint, {@code http://127.0.0.1:PORT/devstoreaccount1}. */
    String endpoint() {
        return "http://127.0.0.1:" + port + "/" + ACCOUNT;
    }

    int port() {
        return port;
    }

    /** Settings for a disk on a fresh container of this server. */
    DiskConfig disk(String name, String container, String prefix) {
        return DiskConfig.of(name, "azure", Map.of("container", container, "prefix", prefix, "account", ACCOUNT,
                "account-key", KEY, "endpoint", endpoint(), "create-container", "true"));
    }

    private static Azurite start() throws IOException, InterruptedException {
        Path dir = Path.of(System.getProperty("azurite.dir", System.getProperty("user.dir"))).toAbsolutePath();
        if (!Files.exists(dir.resolve("package.json"))) {
            throw new IOException("no package.json for Azurite in " + dir);
        }
        String node = System.getProperty("azurite.node", "node");
        if (!run(dir, List.of(node, "--version"))) {
            throw new IOException("'" + node + "' is not installed or does not run (Node 20+ runs Azurite 3.35)");
        }
        Path bin = dir.resolve("node_modules/azurite/dist/src/blob/main.js");
        Path launcher = dir.resolve("node_modules/.bin/azurite-blob");
        if (!Files.exists(launcher)) {
            System.err.println("[azurite] node_modules missing: running npm ci in " + dir);
            if (!run(dir, List.of("npm", "ci", "--no-audit", "--no-fund"))) {
                throw new IOException("'npm ci' failed in " + dir + " (see target/npm-ci.log)");
            }
        }
        int port = freePort();
        Path log = dir.resolve("target/azurite.log");
        Files.createDirectories(log.getParent());
        Process p = new ProcessBuilder(node, launcher.toString(), "--blobHost", "127.0.0.1", "--blobPort",
                Integer.toString(port), "--inMemoryPersistence", "--skipApiVersionCheck", "--loose",
                "--disableTelemetry")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Azurite server = new Azurite(p, port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "azurite-stop"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IOException("Azurite exited with " + p.exitValue() + " (see " + log + ")");
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return server;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        server.stop();
        throw new IOException("Azurite did not accept connections on port " + port + " within 30 s (see " + log + ", "
                + bin + ")");
    }

    void stop() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static boolean run(Path dir, List<String> command) throws InterruptedException {
        try {
            File log = dir.resolve("target/npm-ci.log").toFile();
            log.getParentFile().mkdirs();
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
            return p.waitFor(10, TimeUnit.MINUTES) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
