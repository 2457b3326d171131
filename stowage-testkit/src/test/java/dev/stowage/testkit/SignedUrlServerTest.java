package dev.stowage.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.Content;
import dev.stowage.PutOptions;
import dev.stowage.SignedUrlOptions;
import dev.stowage.Storage;
import dev.stowage.Stowage;
import dev.stowage.driver.memory.MemoryDriver;
import dev.stowage.spi.DiskConfig;
import dev.stowage.url.UrlSigner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignedUrlServerTest {
    private static final byte[] DATA = TestBytes.random(1000, 99);
    private static final String SECRET = "served-disk-secret-0123456789";

    private SignedUrlServer server;
    private Storage disk;
    private HttpClient http;

    @BeforeAll
    void start() throws Exception {
        server = SignedUrlServer.start();
        disk = Stowage.open(DiskConfig.of("served", "memory", Map.of("base-url", server.baseUrl().toString(),
                "signing-secret", SECRET)));
        server.register(disk);
        http = HttpClient.newHttpClient();
        disk.put("dir/data.bin", Content.of(DATA), PutOptions.builder().cacheControl("max-age=60").build());
    }

    @AfterAll
    void stop() {
        http.close();
        disk.close();
        server.close();
    }

    @AfterEach
    void noStreamIsLeftOpen() throws InterruptedException {
        MemoryDriver memory = disk.unwrap(MemoryDriver.class);
        // streams of cancelled publishers and finished HTTP exchanges are closed on other threads: allow them a moment
        for (int i = 0; i < 100 && memory.openStreamCount() > 0; i++) {
            Thread.sleep(20);
        }
        memory.assertNoOpenStreams();
    }

    private URI get(String key) {
        return disk.signedUrl(key, SignedUrlOptions.get(Duration.ofMinutes(1)));
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void the_server_listens_on_loopback_only() {
        assertThat(server.baseUrl().getHost()).isEqualTo("127.0.0.1");
        assertThat(server.baseUrl().getPort()).isPositive();
    }

    @Test
    void a_get_serves_the_bytes_with_their_headers() throws Exception {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(get("dir/data.bin")));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(DATA);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(r.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("max-age=60");
        assertThat(r.headers().firstValue("ETag")).hasValue('"' + disk.stat("dir/data.bin").etag() + '"');
        assertThat(r.headers().firstValue("Last-Modified")).isPresent();
    }

    @Test
    void a_head_has_the_length_and_no_body() throws Exception {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(get("dir/data.bin")).method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
        assertThat(r.headers().firstValue("Content-Length")).hasValue("1000");
    }

    @Test
    void ranges_are_served_as_partial_content() throws Exception {
        URI url = get("dir/data.bin");
        HttpResponse<byte[]> first = send(HttpRequest.newBuilder(url).header("Range", "bytes=0-9"));
        assertThat(first.statusCode()).isEqualTo(206);
        assertThat(first.body()).isEqualTo(Arrays.copyOf(DATA, 10));
        assertThat(first.headers().firstValue("Content-Range")).hasValue("bytes 0-9/1000");
        HttpResponse<byte[]> suffix = send(HttpRequest.newBuilder(url).header("Range", "bytes=-5"));
        assertThat(suffix.statusCode()).isEqualTo(206);
        assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(DATA, 995, 1000));
        HttpResponse<byte[]> from = send(HttpRequest.newBuilder(url).header("Range", "bytes=990-"));
        assertThat(from.body()).isEqualTo(Arrays.copyOfRange(DATA, 990, 1000));
        HttpResponse<byte[]> clipped = send(HttpRequest.newBuilder(url).header("Range", "bytes=998-5000"));
        assertThat(clipped.headers().firstValue("Content-Range")).hasValue("bytes 998-999/1000");
        assertThat(clipped.body()).hasSize(2);
        HttpResponse<byte[]> huge = send(HttpRequest.newBuilder(url).header("Range", "bytes=-99999999999"));
        assertThat(huge.statusCode()).isEqualTo(206);
        assertThat(huge.body()).isEqualTo(DATA);
    }

    @Test
    void an_unsatisfiable_range_gets_416() throws Exception {
        URI url = get("dir/data.bin");
        HttpResponse<byte[]> past = send(HttpRequest.newBuilder(url).header("Range", "bytes=1000-"));
        assertThat(past.statusCode()).isEqualTo(416);
        assertThat(past.headers().firstValue("Content-Range")).hasValue("bytes */1000");
        assertThat(send(HttpRequest.newBuilder(url).header("Range", "bytes=999999999-")).statusCode()).isEqualTo(416);
        assertThat(send(HttpRequest.newBuilder(url).header("Range", "bytes=-0")).statusCode()).isEqualTo(416);
    }

    @Test
    void malformed_or_multiple_ranges_get_the_whole_object() throws Exception {
        URI url = get("dir/data.bin");
        for (String header : new String[] {"bytes=5-2", "bytes=a-b", "bytes=0-1,5-6", "items=0-1", "bytes=-", "bytes=1"}) {
            HttpResponse<byte[]> r = send(HttpRequest.newBuilder(url).header("Range", header));
            assertThat(r.statusCode()).as(header).isEqualTo(200);
            assertThat(r.body()).as(header).isEqualTo(DATA);
        }
    }

    @Test
    void the_download_name_goes_into_content_disposition() throws Exception {
        URI url = disk.signedUrl("dir/data.bin", SignedUrlOptions.get(Duration.ofMinutes(1)).download("Résumé \"final\".pdf"));
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(url));
        assertThat(r.headers().firstValue("Content-Disposition")).hasValue(
                "attachment; filename=\"R_sum_ _final_.pdf\"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%22final%22.pdf");
    }

    @Test
    void a_refused_url_gets_403_with_the_reason() throws Exception {
        URI url = get("dir/data.bin");
        HttpResponse<byte[]> tampered = send(HttpRequest.newBuilder(URI.create(url.toString().replace("data.bin", "other.bin"))));
        assertThat(tampered.statusCode()).isEqualTo(403);
        assertThat(text(tampered)).startsWith("BAD_SIGNATURE");
        HttpResponse<byte[]> wrongMethod = send(HttpRequest.newBuilder(url).PUT(HttpRequest.BodyPublishers.ofString("x")));
        assertThat(wrongMethod.statusCode()).isEqualTo(403);
        assertThat(text(wrongMethod)).startsWith("WRONG_METHOD");
        HttpResponse<byte[]> unsigned = send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/files/served/dir/data.bin")));
        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(text(unsigned)).startsWith("MISSING_PARAMETER");
        assertThat(disk.getBytes("dir/data.bin")).isEqualTo(DATA);
    }

    @Test
    void an_expired_url_gets_403_expired() throws Exception {
        UrlSigner anHourAgo = new UrlSigner(SECRET.getBytes(StandardCharsets.UTF_8),
                Clock.offset(Clock.systemUTC(), Duration.ofHours(-1)));
        URI url = anHourAgo.sign(server.baseUrl(), "served", "dir/data.bin", SignedUrlOptions.get(Duration.ofMinutes(5)));
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(url));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(text(r)).startsWith("EXPIRED");
    }

    @Test
    void missing_objects_and_unknown_disks_get_404() throws Exception {
        assertThat(send(HttpRequest.newBuilder(get("dir/missing.bin"))).statusCode()).isEqualTo(404);
        URI url = get("dir/data.bin");
        assertThat(send(HttpRequest.newBuilder(URI.create(url.toString().replace("/files/served/", "/files/nope/"))))
                .statusCode()).isEqualTo(404);
    }

    @Test
    void a_put_stores_the_body_and_enforces_the_signed_content_type() throws Exception {
        URI url = disk.signedUrl("up/new.json", SignedUrlOptions.put(Duration.ofMinutes(1)).contentType("application/json"));
        HttpResponse<byte[]> wrong = send(HttpRequest.newBuilder(url).header("Content-Type", "text/html")
                .PUT(HttpRequest.BodyPublishers.ofString("<script>")));
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(disk.exists("up/new.json")).isFalse();
        HttpResponse<byte[]> ok = send(HttpRequest.newBuilder(url).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"a\":1}")));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("ETag")).isPresent();
        assertThat(disk.getString("up/new.json")).isEqualTo("{\"a\":1}");
        assertThat(disk.stat("up/new.json").contentType()).isEqualTo("application/json");
    }

    @Test
    void an_empty_object_is_served_with_no_body() throws Exception {
        disk.put("empty", Content.empty());
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(get("empty")));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
    }
}
