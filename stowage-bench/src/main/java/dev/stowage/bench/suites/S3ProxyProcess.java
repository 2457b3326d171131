package dev.stowage.bench.suites;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * s3proxy 4.1.0 in a JVM of its own on 127.0.0.1, so its CPU and GC are not charged to any
 * contender: the jar is the {@code jar-with-dependencies} the bench pom copies to
 * {@code target/s3proxy/s3proxy.jar}. It stores into a directory ({@code filesystem-nio2}): the
 * large workloads write gigabytes, more than its in-memory store holds in a sane heap. Closing it
 * stops the process and deletes the directory.
 */
public final class S3ProxyProcess implements AutoCloseable {
    /** The access key the benchmarks use against it. */
    public static final String ACCESS = "bench";
    /** Its secret (a throw-away local server's). */
    public static final String SECRET = "bench-secret";

    private final Process process;
    private final URI endpoint;
    private final Path store;

    private S3ProxyProcess(Process process, URI endpoint, Path store) {
        this.process = process;
        this.endpoint = endpoint;
        this.store = store;
    }

    /** Starts the server storing under {@code store}, with these credentials; waits (at most 60 s) until it listens. */
    public static S3ProxyProcess start(Path store, String access, String secret) throws IOException, InterruptedException {
        Files.createDirectories(store);
        Path jar = Path.of(System.getProperty("s3proxy.jar", "target/s3proxy/s3proxy.jar")).toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run './mvnw -pl stowage-bench -am package -DskipTests'");
        }
        int port = freePort();
        Path props = Files.createTempFile("s3proxy-bench", ".properties");
        Files.writeString(props, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + access,
                "s3proxy.credential=" + secret,
                "s3proxy.ignore-unknown-headers=true",
                "jclouds.provider=filesystem-nio2",
                "jclouds.filesystem.basedir=" + store.toAbsolutePath(),
                "jclouds.identity=" + access,
                "jclouds.credential=" + secret, ""));
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-Xmx1g", "-jar", jar.toString(), "--properties", props.toString())
                .redirectErrorStream(true).redirectOutput(Path.of("target", "s3proxy.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                Files.deleteIfExists(props);
                return new S3ProxyProcess(p, URI.create("http://127.0.0.1:" + port), store);
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

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() throws InterruptedException, IOException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        try (var files = Files.walk(store)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
