package dev.stowage.examples.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.Storage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Random;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same sample, unchanged, on S3: only configuration differs. A real s3proxy runs on 127.0.0.1;
 * the download link is an S3 presigned URL fetched straight from it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
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
        registry.add("stowage.disks.uploads.driver", () -> "s3");
        registry.add("stowage.disks.uploads.bucket", () -> "example-uploads");
        registry.add("stowage.disks.uploads.endpoint", () -> endpoint);
        registry.add("stowage.disks.uploads.region", () -> "us-east-1");
        registry.add("stowage.disks.uploads.path-style", () -> "true");
        registry.add("stowage.disks.uploads.access-key", () -> "example-access");
        registry.add("stowage.disks.uploads.secret-key", () -> "example-secret-key");
        registry.add("stowage.disks.uploads.create-bucket", () -> "true");
        // application.yml configures a local disk; blank its local-only settings for this S3 run
        registry.add("stowage.disks.uploads.root", () -> "");
        registry.add("stowage.disks.uploads.signing-secret", () -> "");
        registry.add("stowage.disks.uploads.base-url", () -> "");
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
