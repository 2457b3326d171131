package dev.stowage.examples.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.Storage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Random;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same sample, unchanged, on S3: only configuration differs (profile "s3"). A real s3proxy runs on 127.0.0.1;
 * the download link is an S3 presigned URL fetched straight from it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("s3")
class UploadOnS3Test {
    private static S3Proxy proxy;

    @DynamicPropertySource
    static void s3(DynamicPropertyRegistry registry) throws Exception {
        proxy = S3Proxy.builder().blobStore(new TransientNio2BlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "example-access", "example-secret-key")
                .ignoreUnknownHeaders(true).build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(proxy.getState()) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        String endpoint = "http://127.0.0.1:" + proxy.getPort();
        registry.add("S3_BUCKET", () -> "example-uploads");
        registry.add("S3_ENDPOINT", () -> endpoint);
        registry.add("S3_PATH_STYLE", () -> "true");
        registry.add("S3_ACCESS_KEY", () -> "example-access");
        registry.add("S3_SECRET_KEY", () -> "example-secret-key");
        registry.add("stowage.disks.uploads.create-bucket", () -> "true");
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    Storage storage;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void an_upload_lands_in_the_bucket_and_its_presigned_link_downloads_it() throws Exception {
        byte[] image = new byte[120_000];
        new Random(2).nextBytes(image);
        HttpResponse<String> up = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/uploads"))
                .header("Content-Type", Multipart.contentType()).POST(Multipart.file("cat.png", "image/png", image))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(up.statusCode()).isEqualTo(201);
        assertThat(storage.stat("uploads/cat.png").contentType()).isEqualTo("image/png");

        HttpResponse<String> redirect = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/uploads/cat.png/link")).build(),
                HttpResponse.BodyHandlers.ofString());
        URI presigned = URI.create(redirect.headers().firstValue("Location").orElseThrow());
        assertThat(presigned.getPort()).isEqualTo(proxy.getPort());
        HttpResponse<byte[]> download = http.send(HttpRequest.newBuilder(presigned).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(image);
    }
}
