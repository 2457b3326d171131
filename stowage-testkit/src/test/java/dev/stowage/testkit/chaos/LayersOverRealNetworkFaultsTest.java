package dev.stowage.testkit.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.ByteRange;
import dev.stowage.Content;
import dev.stowage.ObjectNotFoundException;
import dev.stowage.Operation;
import dev.stowage.SignedUrlOptions;
import dev.stowage.Storage;
import dev.stowage.StorageException;
import dev.stowage.StorageUnavailableException;
import dev.stowage.Stowage;
import dev.stowage.driver.memory.MemoryDriver;
import dev.stowage.layer.ForwardingDriver;
import dev.stowage.layer.Layers;
import dev.stowage.layer.RetryPolicy;
import dev.stowage.spi.DiskConfig;
import dev.stowage.spi.StorageDriver;
import dev.stowage.testkit.SignedUrlServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The retry and timeout layers against real socket failures: reads travel over HTTP (a signed-URL
 * server in front of a memory disk) through a {@link FaultProxy} that resets, refuses or swallows
 * connections.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LayersOverRealNetworkFaultsTest {
    private static final String SECRET = "network-faults-test-secret";

    private SignedUrlServer server;
    private FaultProxy proxy;
    private Storage origin;

    @BeforeAll
    void start() throws IOException {
        server = SignedUrlServer.start();
        origin = Stowage.open(DiskConfig.of("origin", "memory", Map.of("base-url", server.baseUrl().toString(),
                "signing-secret", SECRET)));
        server.register(origin, SECRET);
        proxy = FaultProxy.start("127.0.0.1", server.baseUrl().getPort());
        origin.put("doc.txt", Content.of("over the network"));
    }

    @AfterAll
    void stop() {
        proxy.close();
        server.close();
        origin.close();
    }

    /** Reads the origin disk over HTTP through the proxy; failures mapped as a network driver maps them. */
    private final class OverHttp extends ForwardingDriver {
        final AtomicInteger attempts = new AtomicInteger();

        OverHttp() {
            super(origin.unwrap(MemoryDriver.class));
        }

        @Override
        public InputStream read(String key, ByteRange range) {
            attempts.incrementAndGet();
            URI signed = delegate.signedUrl(key, SignedUrlOptions.get(Duration.ofMinutes(5)));
            URI viaProxy = URI.create("http://127.0.0.1:" + proxy.port() + signed.getRawPath() + "?" + signed.getRawQuery());
            try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
                HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(viaProxy).build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                if (r.statusCode() == 404) {
                    r.body().close();
                    throw new ObjectNotFoundException(disk(), Operation.READ, key);
                }
                if (r.statusCode() != 200) {
                    r.body().close();
                    throw new StorageException(disk(), Operation.READ, key, "HTTP " + r.statusCode(), null);
                }
                return r.body();
            } catch (IOException e) {
                throw new StorageUnavailableException(disk(), Operation.READ, key, e.getClass().getSimpleName(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageUnavailableException(disk(), Operation.READ, key, "interrupted", e);
            }
        }
    }

    /**
     * Waits until the reader has made a second attempt while the network is still broken (so at
     * least one attempt failed on it), instead of sleeping a fixed time that a busy machine may not
     * give the reader to start.
     */
    private static void awaitFailedAttempts(OverHttp http) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (http.attempts.get() < 2) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the reader made " + http.attempts.get() + " attempts in 20 s");
            }
            Thread.sleep(5);
        }
    }

    private static RetryPolicy patient() {
        return RetryPolicy.DEFAULT.withMaxAttempts(30).withDelays(Duration.ofMillis(20), Duration.ofMillis(50));
    }

    @Test
    void retries_ride_out_connection_resets_until_the_network_heals() throws Exception {
        OverHttp http = new OverHttp();
        Storage disk = Stowage.wrap(Layers.builder().retry(patient()).timeout(Duration.ofSeconds(2)).build(http));
        proxy.reset();
        CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> disk.getString("doc.txt"));
        awaitFailedAttempts(http);
        proxy.pass();
        assertThat(read.get()).isEqualTo("over the network");
        assertThat(http.attempts.get()).isGreaterThan(1);
    }

    @Test
    void retries_ride_out_a_refusing_server() throws Exception {
        OverHttp http = new OverHttp();
        Storage disk = Stowage.wrap(Layers.builder().retry(patient()).build(http));
        proxy.refuse();
        CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> disk.getString("doc.txt"));
        awaitFailedAttempts(http);
        proxy.pass();
        assertThat(read.get()).isEqualTo("over the network");
        assertThat(http.attempts.get()).isGreaterThan(1);
    }

    @Test
    void a_server_that_never_answers_costs_one_timeout_per_attempt_then_an_exhausted_failure() {
        OverHttp http = new OverHttp();
        StorageDriver stack = Layers.builder().retry(RetryPolicy.DEFAULT.withMaxAttempts(3)
                .withDelays(Duration.ofMillis(1), Duration.ofMillis(1))).timeout(Duration.ofMillis(300)).build(http);
        proxy.blackhole();
        try {
            long t = System.nanoTime();
            assertThatThrownBy(() -> stack.read("doc.txt", ByteRange.ALL))
                    .isInstanceOfSatisfying(StorageUnavailableException.class, e -> {
                        assertThat(e.exhausted()).isTrue();
                        assertThat(e.attempts()).isEqualTo(3);
                    });
            Duration took = Duration.ofNanos(System.nanoTime() - t);
            assertThat(took).isBetween(Duration.ofMillis(850), Duration.ofSeconds(3));
        } finally {
            proxy.pass();
        }
        assertThat(Stowage.wrap(stack).getString("doc.txt")).isEqualTo("over the network");
    }
}
