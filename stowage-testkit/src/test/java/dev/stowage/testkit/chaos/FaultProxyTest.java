package dev.stowage.testkit.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultProxyTest {
    private static final byte[] BODY = new byte[1 << 20];

    private HttpServer server;
    private ExecutorService executor;
    private FaultProxy proxy;

    @BeforeAll
    void start() throws IOException {
        Arrays.fill(BODY, (byte) 'x');
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/big", ex -> {
            ex.sendResponseHeaders(200, BODY.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(BODY);
            }
        });
        server.start();
        proxy = FaultProxy.start("127.0.0.1", server.getAddress().getPort());
    }

    @AfterAll
    void stop() {
        proxy.close();
        server.stop(0);
        executor.close();
    }

    /** A fresh client each time, so no pooled connection hides a fault. */
    private HttpResponse<byte[]> get(Duration timeout) throws Exception {
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            return client.send(HttpRequest.newBuilder(proxy.uri("http").resolve("/big")).timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        }
    }

    @Test
    void passing_forwards_every_byte() throws Exception {
        proxy.pass();
        assertThat(get(Duration.ofSeconds(5)).body()).isEqualTo(BODY);
    }

    @Test
    void a_delay_slows_every_chunk() throws Exception {
        proxy.delay(Duration.ofMillis(100));
        long t = System.nanoTime();
        assertThat(get(Duration.ofSeconds(10)).body()).hasSize(BODY.length);
        assertThat(Duration.ofNanos(System.nanoTime() - t)).isGreaterThan(Duration.ofMillis(200));
        proxy.pass();
    }

    @Test
    void a_cut_breaks_the_response_mid_stream() {
        proxy.cutAfter(100_000);
        assertThatThrownBy(() -> get(Duration.ofSeconds(5))).isInstanceOf(IOException.class);
        proxy.pass();
    }

    @Test
    void a_reset_breaks_the_connection() {
        proxy.reset();
        assertThatThrownBy(() -> get(Duration.ofSeconds(5))).isInstanceOf(IOException.class);
        proxy.pass();
    }

    @Test
    void refusing_means_nothing_listens_until_the_proxy_passes_again() throws Exception {
        proxy.refuse();
        assertThatThrownBy(() -> get(Duration.ofSeconds(5))).isInstanceOf(ConnectException.class);
        proxy.pass();
        assertThat(get(Duration.ofSeconds(5)).statusCode()).isEqualTo(200);
    }

    @Test
    void a_blackhole_makes_the_client_time_out() {
        proxy.blackhole();
        long t = System.nanoTime();
        assertThatThrownBy(() -> get(Duration.ofMillis(300))).isInstanceOf(HttpTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - t)).isLessThan(Duration.ofSeconds(3));
        proxy.pass();
    }
}
