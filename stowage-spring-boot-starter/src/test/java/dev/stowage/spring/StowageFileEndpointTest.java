package dev.stowage.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.Content;
import dev.stowage.SignedUrlOptions;
import dev.stowage.Storage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(classes = StowageFileEndpointTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"stowage.default=files", "stowage.disks.files.driver=memory",
            "stowage.disks.files.signing-secret=endpoint-test-secret-0123456789", "stowage.web.enabled=true",
            "stowage.web.max-upload-size=100"})
class StowageFileEndpointTest {

    @SpringBootApplication
    static class App {
    }

    @LocalServerPort
    int port;

    @Autowired
    Storage storage;

    private final HttpClient http = HttpClient.newHttpClient();

    private URI local(URI signed) {
        return URI.create("http://127.0.0.1:" + port + signed.getRawPath() + "?" + signed.getRawQuery());
    }

    private HttpResponse<String> get(URI uri, String range) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri);
        if (range != null) {
            b.header("Range", range);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_signed_get_url_serves_the_object_with_its_download_name() throws Exception {
        storage.put("docs/a b.txt", Content.of("0123456789"));
        URI url = local(storage.signedUrl("docs/a b.txt", SignedUrlOptions.get(Duration.ofMinutes(1)).download("x.txt")));
        HttpResponse<String> r = get(url, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("0123456789");
        assertThat(r.headers().firstValue("Content-Disposition").orElseThrow()).contains("x.txt");
    }

    @Test
    void ranges_answer_206_and_416() throws Exception {
        storage.put("r.txt", Content.of("0123456789"));
        URI url = local(storage.signedUrl("r.txt", SignedUrlOptions.get(Duration.ofMinutes(1))));
        HttpResponse<String> partial = get(url, "bytes=-4");
        assertThat(partial.statusCode()).isEqualTo(206);
        assertThat(partial.body()).isEqualTo("6789");
        assertThat(partial.headers().firstValue("Content-Range")).hasValue("bytes 6-9/10");
        assertThat(get(url, "bytes=50-").statusCode()).isEqualTo(416);
    }

    @Test
    void tampered_or_expired_urls_are_refused_with_the_reason() throws Exception {
        storage.put("t.txt", Content.of("x"));
        URI url = local(storage.signedUrl("t.txt", SignedUrlOptions.get(Duration.ofSeconds(1))));
        HttpResponse<String> tampered = get(URI.create(url.toString().replace("t.txt", "u.txt")), null);
        assertThat(tampered.statusCode()).isEqualTo(403);
        assertThat(tampered.body()).contains("BAD_SIGNATURE").doesNotContain("endpoint-test-secret");
        // expiry is counted in whole seconds (rounded up when signing): poll until it has passed
        HttpResponse<String> expired = get(url, null);
        for (long deadline = System.nanoTime() + 6_000_000_000L; expired.statusCode() == 200
                && System.nanoTime() < deadline; expired = get(url, null)) {
            Thread.sleep(250);
        }
        assertThat(expired.statusCode()).isEqualTo(403);
        assertThat(expired.body()).contains("EXPIRED");
    }

    @Test
    void a_signed_put_url_stores_the_upload_within_the_size_limit() throws Exception {
        URI url = local(storage.signedUrl("in/u.txt", SignedUrlOptions.put(Duration.ofMinutes(1))));
        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(url).PUT(HttpRequest.BodyPublishers.ofString("up"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(201);
        assertThat(storage.getString("in/u.txt")).isEqualTo("up");
        URI big = local(storage.signedUrl("in/big.bin", SignedUrlOptions.put(Duration.ofMinutes(1))));
        HttpResponse<String> tooBig = http.send(HttpRequest.newBuilder(big)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[1000])).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(storage.exists("in/big.bin")).isFalse();
    }
}
