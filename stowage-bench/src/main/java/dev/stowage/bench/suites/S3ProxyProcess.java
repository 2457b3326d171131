package dev.stowage.bench.suites;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * s3proxy 4.1.0 in a JVM of its own on 127.0.0.1 (in-memory store), so its CPU and GC are not
 * charged to any contender: the jar is the {@code jar-with-dependencies} the bench pom copies to
 * {@code target/s3proxy/s3proxy.jar}. Closing it stops the process.
 */
final class S3ProxyProcess implements AutoCloseable {
    private final Process process;
    private final URI endpoint;

    private S3ProxyProcess(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** Starts the server with these credentials and waits (at most 60 s) until it listens. */
    static S3ProxyProcess start(String access, String secret) throws IOException, InterruptedException {
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
                "jclouds.provider=transient-nio2",
                "jclouds.identity=" + access,
                "jclouds.credential=" + secret, ""));
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-Xmx1g", "-jar", jar.toString(), "--properties", props.toString())
                .redirectErrorStream(true).redirectOutput(Path.of("target", "s3proxy.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                Files.deleteIfExists(props);
                return new S3ProxyProcess(p, URI.create("http://127.0.0.1:" + port));
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

    URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
