package dev.stowage.driver.gcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.ChecksumAlgorithm;
import dev.stowage.Content;
import dev.stowage.ObjectAlreadyExistsException;
import dev.stowage.ObjectInfo;
import dev.stowage.PutOptions;
import dev.stowage.SignedUrlOptions;
import dev.stowage.Storage;
import dev.stowage.StorageException;
import dev.stowage.Stowage;
import dev.stowage.driver.gcs.emulator.GcsEmulator;
import dev.stowage.driver.gcs.emulator.TestServiceAccount;
import dev.stowage.testkit.StorageContract;
import dev.stowage.testkit.TestBytes;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The whole contract, plus GCS-specific behaviour, against the in-process emulator driven by the
 * real google-cloud-storage client. {@link GcsRealContractTest} runs the same tests against real
 * GCS when {@code STOWAGE_IT_GCS_BUCKET} and credentials are set.
 */
class GcsContractTest extends StorageContract {
    static final int CHUNK = 8 << 20;

    /** The emulator, or {@code null} when running against real GCS. */
    protected GcsEmulator emulator;
    private LoopbackGuard guard;
    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    protected Storage openStorage() throws Exception {
        guard = LoopbackGuard.install();
        emulator = GcsEmulator.start();
        TestServiceAccount account = TestServiceAccount.create("contract").trustedBy(emulator);
        return Stowage.open(GcsTestDisks.emulated("gcs-contract", emulator, "contract-bucket", account,
                Map.of("chunk-size", "8MiB")));
    }

    @AfterAll
    void stopTheEmulator() {
        if (emulator != null) {
            emulator.close();
            assertThat(guard.blocked()).as("connections attempted beyond 127.0.0.1").isEmpty();
        }
    }

    // ---- GCS-specific ---------------------------------------------------------------------------

    @Test
    void a_40_mib_stream_of_unknown_length_goes_up_in_several_resumable_chunks() throws IOException {
        long size = 40L << 20;
        if (emulator != null) {
            emulator.clearRequestLog();
        }
        ObjectInfo info = storage.put(key("big.bin"), Content.of(TestBytes.stream(size, 7)));
        assertThat(info.size()).isEqualTo(size);
        try (InputStream in = storage.open(key("big.bin"))) {
            assertThat(TestBytes.sha256(in)).isEqualTo(TestBytes.sha256(TestBytes.stream(size, 7)));
        }
        if (emulator != null) {
            long chunkPuts = emulator.requestLog().stream()
                    .filter(r -> r.startsWith("PUT /upload/") && r.contains("upload_id=")).count();
            assertThat(chunkPuts).as("resumable chunk requests").isGreaterThanOrEqualTo(size / CHUNK);
        }
    }

    @Test
    void a_40_mib_file_of_known_length_is_uploaded_resumably_and_verified(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        java.nio.file.Path file = dir.resolve("big.bin");
        try (InputStream in = TestBytes.stream(40L << 20, 11)) {
            java.nio.file.Files.copy(in, file);
        }
        ObjectInfo info = storage.put(key("file.bin"), Content.of(file));
        assertThat(info.checksum(ChecksumAlgorithm.CRC32C)).isNotNull();
        assertThat(storage.stat(key("file.bin")).size()).isEqualTo(40L << 20);
    }

    @Test
    void a_resumable_upload_whose_content_fails_leaves_no_object() {
        long failAt = 20L << 20;
        InputStream failing = new FilterInputStream(TestBytes.stream(40L << 20, 3)) {
            long read;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (read >= failAt) {
                    throw new IOException("the source disk went away");
                }
                int n = super.read(b, off, (int) Math.min(len, failAt - read));
                read += Math.max(0, n);
                return n;
            }
        };
        assertThatThrownBy(() -> storage.put(key("half.bin"), Content.of(failing)))
                .isInstanceOf(StorageException.class).hasMessageContaining("source disk went away");
        assertThat(storage.exists(key("half.bin"))).isFalse();
        if (emulator != null) {
            assertThat(emulator.objectNames("contract-bucket")).noneMatch(n -> n.endsWith("half.bin"));
        }
    }

    @Test
    void a_failed_create_only_resumable_upload_leaves_the_existing_object() {
        storage.put(key("taken.bin"), Content.of("original"));
        assertThatThrownBy(() -> storage.put(key("taken.bin"), Content.of(TestBytes.stream(12L << 20, 5)),
                PutOptions.builder().ifNoneMatch().build())).isInstanceOf(ObjectAlreadyExistsException.class);
        assertThat(storage.getString(key("taken.bin"))).isEqualTo("original");
    }

    @Test
    void of_32_threads_writing_one_key_with_if_none_match_exactly_one_wins() throws Exception {
        int threads = 32;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<String>> tasks = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            String value = "writer-" + i;
            tasks.add(() -> {
                start.await();
                try {
                    storage.put(key("race"), Content.of(value), PutOptions.builder().ifNoneMatch().build());
                    return value;
                } catch (ObjectAlreadyExistsException e) {
                    return null;
                }
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (Callable<String> t : tasks) {
                futures.add(pool.submit(t));
            }
            start.countDown();
            List<String> winners = new ArrayList<>();
            for (Future<String> f : futures) {
                String v = f.get();
                if (v != null) {
                    winners.add(v);
                }
            }
            assertThat(winners).hasSize(1);
            assertThat(storage.getString(key("race"))).isEqualTo(winners.get(0));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_signed_get_url_downloads_the_object_with_the_requested_file_name() throws Exception {
        storage.put(key("report.txt"), Content.of("quarterly numbers"));
        URI url = storage.signedUrl(key("report.txt"),
                SignedUrlOptions.get(Duration.ofMinutes(5)).download("Q3 report.txt"));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("quarterly numbers");
        assertThat(response.headers().firstValue("content-disposition")).hasValueSatisfying(
                v -> assertThat(v).startsWith("attachment").contains("Q3 report.txt"));
    }

    @Test
    void a_signed_put_url_uploads_an_object() throws Exception {
        URI url = storage.signedUrl(key("incoming.txt"),
                SignedUrlOptions.put(Duration.ofMinutes(5)).contentType("text/plain"));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString("uploaded by a browser")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(storage.getString(key("incoming.txt"))).isEqualTo("uploaded by a browser");
        assertThat(storage.stat(key("incoming.txt")).contentType()).isEqualTo("text/plain");
    }

    @Test
    void a_tampered_signed_url_is_refused() throws Exception {
        storage.put(key("secret.txt"), Content.of("classified"));
        URI url = storage.signedUrl(key("secret.txt"), SignedUrlOptions.get(Duration.ofMinutes(5)));
        URI other = URI.create(url.toString().replace("secret.txt", "secret.txx"));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(other).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void a_signed_url_stops_working_when_it_expires() throws Exception {
        storage.put(key("short.txt"), Content.of("brief"));
        URI url = storage.signedUrl(key("short.txt"), SignedUrlOptions.get(Duration.ofSeconds(1)));
        HttpResponse<String> fresh = http.send(HttpRequest.newBuilder(url).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(fresh.statusCode()).isEqualTo(200);
        Thread.sleep(2100);
        HttpResponse<String> expired = http.send(HttpRequest.newBuilder(url).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(expired.statusCode()).isEqualTo(400);
        assertThat(expired.body()).contains("ExpiredToken");
    }

    @Test
    void the_etag_is_the_generation_and_if_match_with_it_succeeds() {
        ObjectInfo first = storage.put(key("gen"), Content.of("one"));
        assertThat(first.etag()).matches("\\d+");
        ObjectInfo second = storage.put(key("gen"), Content.of("two"), PutOptions.builder().ifMatch(first.etag()).build());
        assertThat(Long.parseLong(second.etag())).isGreaterThan(Long.parseLong(first.etag()));
        assertThat(storage.stat(key("gen")).etag()).isEqualTo(second.etag());
    }

    @Test
    void stat_reports_crc32c_and_md5_disposition_and_cache_control() {
        byte[] data = TestBytes.random(1000, 5);
        storage.put(key("meta.bin"), Content.of(data), PutOptions.builder().contentType("application/x-test")
                .contentDisposition("inline").cacheControl("max-age=60").metadata(Map.of("k", "v")).build());
        ObjectInfo info = storage.stat(key("meta.bin"));
        assertThat(info.checksum(ChecksumAlgorithm.CRC32C)).isEqualTo(TestBytes.crc32c(data));
        assertThat(info.checksum(ChecksumAlgorithm.MD5)).isNotBlank();
        assertThat(info.contentDisposition()).isEqualTo("inline");
        assertThat(info.cacheControl()).isEqualTo("max-age=60");
        assertThat(info.metadata()).containsEntry("k", "v");
    }
}
