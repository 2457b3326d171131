package dev.stowage.bench.suites;

import dev.stowage.driver.gcs.emulator.GcsEmulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The GCS emulator (stowage-gcs test sources) in a JVM of its own, so that its CPU, allocations
 * and GC are not charged to the contenders' JVM, and its objects (held in memory) not to their
 * heap. {@link #main} is that JVM: it starts the emulator, creates the buckets named on its
 * command line, prints {@code endpoint=URL} and serves until its standard input closes.
 */
final class GcsEmulatorProcess implements AutoCloseable {
    private final Process process;
    private final String endpoint;

    private GcsEmulatorProcess(Process process, String endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** Starts the emulator JVM (same java and class path as this one) with these buckets and heap. */
    static GcsEmulatorProcess start(String heap, String... buckets) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // keep idle keep-alive connections open: the JDK server closes them after 30 s, and beyond
        // 2048 idle ones (OpenDAL's async API opens one per request in flight, 10,000 at once); a
        // client that just took one from its pool for a streaming POST or a list page cannot retry
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap, "-XX:+UseParallelGC",
                "-Dsun.net.httpserver.idleInterval=3600", "-Dsun.net.httpserver.maxIdleConnections=100000",
                "-cp", System.getProperty("java.class.path"), GcsEmulatorProcess.class.getName()));
        command.addAll(List.of(buckets));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("endpoint=")) {
            p.destroyForcibly();
            throw new IOException("the GCS emulator JVM did not start: " + line);
        }
        return new GcsEmulatorProcess(p, line.substring("endpoint=".length()));
    }

    String endpoint() {
        return endpoint;
    }

    @Override
    public void close() throws Exception {
        process.getOutputStream().close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    public static void main(String[] args) throws IOException {
        // print what the JDK server would otherwise swallow: an exception that closed a connection
        java.util.logging.Logger server = java.util.logging.Logger.getLogger("com.sun.net.httpserver");
        server.setLevel(java.util.logging.Level.ALL);
        server.addHandler(new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                if (r.getThrown() != null && !(r.getThrown() instanceof java.io.IOException)) {
                    System.err.println("emulator: " + r.getMessage() + ": " + r.getThrown());
                    r.getThrown().printStackTrace();
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        try (GcsEmulator emulator = GcsEmulator.start()) {
            for (String bucket : args) {
                emulator.createBucket(bucket);
            }
            System.out.println("endpoint=" + emulator.endpoint());
            System.out.flush();
            while (System.in.read() >= 0) {
                // serve until the parent closes our standard input (or dies)
            }
        }
    }
}
