package dev.stowage.driver.s3;

import dev.stowage.spi.DiskConfig;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * One real s3proxy 4.1.0 per test JVM, in memory, on 127.0.0.1 and a free port, with SigV4
 * authentication. Started on first use, stopped when the JVM exits.
 */
final class S3ProxyServer {
    static final String ACCESS_KEY = "stowage-access";
    static final String SECRET_KEY = "stowage-secret-never-printed";

    private static final ReentrantLock LOCK = new ReentrantLock();
    private static URI endpoint;

    private S3ProxyServer() {
    }

    /** The endpoint of the running server, starting it if needed. */
    static URI endpoint() {
        LOCK.lock();
        try {
            if (endpoint == null) {
                endpoint = start();
            }
            return endpoint;
        } finally {
            LOCK.unlock();
        }
    }

    private static URI start() {
        try {
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(new TransientNio2BlobStore())
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .ignoreUnknownHeaders(true)
                    .build();
            proxy.start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
                }
                Thread.sleep(10);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    proxy.stop();
                } catch (Exception ignored) {
                    // the JVM is exiting
                }
            }));
            return URI.create("http://127.0.0.1:" + proxy.getPort());
        } catch (Exception e) {
            throw new IllegalStateException("cannot start s3proxy", e);
        }
    }

    /** Settings of a disk on a fresh bucket of the server (created by the driver). */
    static DiskConfig disk(String name, Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>();
        settings.put("bucket", "b-" + UUID.randomUUID().toString().substring(0, 12));
        settings.put("endpoint", endpoint().toString());
        settings.put("region", "us-east-1");
        settings.put("path-style", "true");
        settings.put("access-key", ACCESS_KEY);
        settings.put("secret-key", SECRET_KEY);
        settings.put("create-bucket", "true");
        settings.putAll(extra);
        return DiskConfig.of(name, "s3", settings);
    }
}
