package dev.stowage.examples.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.Storage;
import dev.stowage.driver.memory.MemoryDriver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The sample against a memory disk (the starter's test swap): upload, list, signed download, limits. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "stowage.test.in-memory=true")
class UploadOnMemoryTest {
    @LocalServerPort
    int port;

    @Autowired
    Storage storage;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> upload(String name, String type, byte[] data) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/uploads"))
                .header("Content-Type", Multipart.contentType()).POST(Multipart.file(name, type, data)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void an_upload_is_listed_and_downloads_identical_through_its_signed_link() throws Exception {
        byte[] pdf = new byte[50_000];
        new Random(1).nextBytes(pdf);
        assertThat(upload("report.pdf", "application/pdf", pdf).statusCode()).isEqualTo(201);
        assertThat(storage.unwrap(MemoryDriver.class).keys()).containsExactly("uploads/report.pdf");

        String list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/uploads")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(list).contains("uploads/report.pdf");

        HttpResponse<String> redirect = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/uploads/report.pdf/link")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(redirect.statusCode()).isEqualTo(302);
        URI signed = URI.create(redirect.headers().firstValue("Location").orElseThrow());
        URI here = URI.create("http://127.0.0.1:" + port + signed.getRawPath() + "?" + signed.getRawQuery());
        HttpResponse<byte[]> download = http.send(HttpRequest.newBuilder(here).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(pdf);
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow()).contains("report.pdf");
    }

    @Test
    void refused_types_and_sizes_store_nothing() throws Exception {
        assertThat(upload("tool.exe", "application/x-msdownload", new byte[10]).statusCode()).isEqualTo(415);
        assertThat(upload("huge.pdf", "application/pdf", new byte[11 * 1024 * 1024]).statusCode()).isIn(413, 500);
        assertThat(storage.exists("uploads/tool.exe")).isFalse();
        assertThat(storage.exists("uploads/huge.pdf")).isFalse();
    }

    @Test
    void health_includes_the_stowage_disks() throws Exception {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"stowage\"", "uploads");
    }
}
