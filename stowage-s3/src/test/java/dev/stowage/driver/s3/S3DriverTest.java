package dev.stowage.driver.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.AccessDeniedException;
import dev.stowage.ByteRange;
import dev.stowage.Content;
import dev.stowage.ListRequest;
import dev.stowage.ObjectAlreadyExistsException;
import dev.stowage.ObjectInfo;
import dev.stowage.Page;
import dev.stowage.PreconditionFailedException;
import dev.stowage.PutOptions;
import dev.stowage.SignedUrlOptions;
import dev.stowage.Storage;
import dev.stowage.StorageUnavailableException;
import dev.stowage.Stowage;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3DriverTest {

    private final Storage storage = Stowage.open(S3ProxyServer.disk("s3-test", Map.of("prefix", "app")));
    private final S3Driver driver = storage.unwrap(S3Driver.class);
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterAll
    void close() {
        storage.close();
        http.close();
    }

    private List<String> rawKeys() {
        return driver.client().listObjectsV2Paginator(b -> b.bucket(driver.bucket())).contents().stream()
                .map(o -> o.key()).toList();
    }

    // ---- presigned URLs ---------------------------------------------------------------------

    @Test
    void a_presigned_get_url_downloads_the_object_with_a_plain_http_client_and_the_asked_file_name() throws Exception {
        storage.put("signed/report.txt", Content.of("quarterly numbers"));
        URI url = storage.signedUrl("signed/report.txt",
                SignedUrlOptions.get(Duration.ofMinutes(5)).download("Rapport été.txt"));

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("quarterly numbers");
        assertThat(url.getRawQuery()).contains("X-Amz-Expires=300").contains("response-content-disposition");
        assertThat(response.headers().firstValue("content-disposition")).hasValueSatisfying(
                v -> assertThat(v).startsWith("attachment;").contains("filename*=UTF-8''Rapport%20%C3%A9t%C3%A9.txt"));
    }

    @Test
    void a_presigned_put_url_uploads_with_a_plain_http_client_and_the_signed_content_type() throws Exception {
        URI url = storage.signedUrl("signed/upload.json",
                SignedUrlOptions.put(Duration.ofMinutes(5)).contentType("application/json"));

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"ok\":true}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(storage.getString("signed/upload.json")).isEqualTo("{\"ok\":true}");
        assertThat(storage.stat("signed/upload.json").contentType()).isEqualTo("application/json");
    }

    @Test
    void presigned_urls_stop_working_when_they_expire() throws Exception {
        storage.put("signed/short.txt", Content.of("soon gone"));
        URI get = storage.signedUrl("signed/short.txt", SignedUrlOptions.get(Duration.ofSeconds(1)));
        URI put = storage.signedUrl("signed/late.txt", SignedUrlOptions.put(Duration.ofSeconds(1)));

        Thread.sleep(2500);

        assertThat(http.send(HttpRequest.newBuilder(get).build(), HttpResponse.BodyHandlers.discarding()).statusCode())
                .isEqualTo(403);
        assertThat(http.send(HttpRequest.newBuilder(put).PUT(HttpRequest.BodyPublishers.ofString("late")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(403);
        assertThat(storage.exists("signed/late.txt")).isFalse();
    }

    // ---- conditional writes --------------------------------------------------------------------

    @Test
    void of_32_threads_racing_to_create_one_key_with_if_none_match_exactly_one_wins() throws Exception {
        int threads = 32;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < threads; i++) {
                String body = "writer-" + i;
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        storage.put("race/once", Content.of(body), PutOptions.builder().ifNoneMatch().build());
                        return body;
                    } catch (ObjectAlreadyExistsException e) {
                        return null;
                    }
                }));
            }
            start.countDown();
            List<String> winners = new ArrayList<>();
            for (Future<String> f : results) {
                String won = f.get();
                if (won != null) {
                    winners.add(won);
                }
            }
            assertThat(winners).hasSize(1);
            assertThat(storage.getString("race/once")).isEqualTo(winners.get(0));
        }
    }

    @Test
    void a_large_create_only_write_fails_when_the_key_exists_and_leaves_no_upload_behind() {
        storage.put("cond/big", Content.of("small original"));
        byte[] big = MultipartUploadTest.pattern(20 << 20, 4);

        assertThatThrownBy(() -> storage.put("cond/big", Content.of(big), PutOptions.builder().ifNoneMatch().build()))
                .isInstanceOf(ObjectAlreadyExistsException.class);

        assertThat(storage.getString("cond/big")).isEqualTo("small original");
        assertThat(driver.client().listMultipartUploads(b -> b.bucket(driver.bucket())).uploads()).isEmpty();
    }

    @Test
    void if_match_on_a_missing_key_fails_as_a_precondition() {
        assertThatThrownBy(() -> storage.put("cond/absent", Content.of("x"), PutOptions.builder().ifMatch("abc").build()))
                .isInstanceOf(PreconditionFailedException.class);
        assertThat(storage.exists("cond/absent")).isFalse();
    }

    // ---- metadata, headers, tags -----------------------------------------------------------------

    @Test
    void metadata_and_headers_survive_a_round_trip_and_a_copy() {
        PutOptions options = PutOptions.builder().contentType("text/plain").metadata("owner", "Zoe Angstrom")
                .metadata("plain", "ascii").contentDisposition("inline; filename=\"a.txt\"")
                .cacheControl("max-age=60").build();
        storage.put("meta/a.txt", Content.of("hello"), options);

        ObjectInfo stat = storage.stat("meta/a.txt");
        assertThat(stat.metadata()).containsEntry("owner", "Zoe Angstrom").containsEntry("plain", "ascii");
        assertThat(stat.contentDisposition()).isEqualTo("inline; filename=\"a.txt\"");
        assertThat(stat.cacheControl()).isEqualTo("max-age=60");
        assertThat(stat.tags()).isEmpty(); // tags cost a request: only through tags(key)

        storage.copy("meta/a.txt", "meta/b.txt");
        ObjectInfo copied = storage.stat("meta/b.txt");
        assertThat(copied.metadata()).isEqualTo(stat.metadata());
        assertThat(copied.contentType()).isEqualTo("text/plain");
        assertThat(copied.contentDisposition()).isEqualTo("inline; filename=\"a.txt\"");
        assertThat(copied.cacheControl()).isEqualTo("max-age=60");
    }

    @Test
    void tags_written_with_an_object_are_read_back_by_tags() {
        storage.put("meta/tagged.txt", Content.of("hello"),
                PutOptions.builder().tag("team", "blue").tag("stage", "dev").build());
        Map<String, String> tags;
        try {
            tags = storage.tags("meta/tagged.txt");
        } catch (dev.stowage.StorageException e) {
            Assumptions.assumeFalse(e.getMessage().contains("501"),
                    "s3proxy 4.1.0 answers 501 NotImplemented to GetObjectTagging");
            throw e;
        }
        assertThat(tags).containsOnly(Map.entry("team", "blue"), Map.entry("stage", "dev"));
    }

    @Test
    void a_copy_above_the_multipart_copy_threshold_goes_part_by_part_and_keeps_metadata() throws Exception {
        try (Storage small = Stowage.open(S3ProxyServer.disk("s3-copy",
                Map.of("multipart-copy-threshold", "6MiB", "copy-part-size", "5MiB")))) {
            byte[] data = MultipartUploadTest.pattern(13 << 20, 5);
            small.put("src.bin", Content.of(data), PutOptions.builder().contentType("application/x-big")
                    .metadata("origin", "camera").build());

            ObjectInfo info = small.copy("src.bin", "dst.bin");

            assertThat(info.size()).isEqualTo(data.length);
            ObjectInfo stat = small.stat("dst.bin");
            assertThat(stat.contentType()).isEqualTo("application/x-big");
            assertThat(stat.metadata()).containsEntry("origin", "camera");
            assertThat(MultipartUploadTest.sha256(small.getBytes("dst.bin"))).isEqualTo(MultipartUploadTest.sha256(data));
            S3Driver d = small.unwrap(S3Driver.class);
            assertThat(d.client().listMultipartUploads(b -> b.bucket(d.bucket())).uploads()).isEmpty();
        }
    }

    // ---- reads ------------------------------------------------------------------------------------

    @Test
    void a_range_past_the_end_reads_nothing_and_a_range_over_the_end_is_cut() throws Exception {
        storage.put("range/ten", Content.of("0123456789"));
        try (InputStream in = storage.open("range/ten", ByteRange.from(10))) {
            assertThat(in.readAllBytes()).isEmpty();
        }
        try (InputStream in = storage.open("range/ten", ByteRange.of(7, 100))) {
            assertThat(new String(in.readAllBytes())).isEqualTo("789");
        }
        try (InputStream in = storage.open("range/ten", ByteRange.suffix(0))) {
            assertThat(in.readAllBytes()).isEmpty();
        }
    }

    @Test
    void reads_closed_early_give_their_connection_back() throws Exception {
        try (Storage narrow = Stowage.open(S3ProxyServer.disk("narrow", Map.of("max-connections", "2")))) {
            byte[] data = MultipartUploadTest.pattern(12 << 20, 6);
            narrow.put("large", Content.of(data));
            for (int i = 0; i < 10; i++) {
                try (InputStream in = narrow.open("large")) {
                    assertThat(in.readNBytes(10)).isEqualTo(java.util.Arrays.copyOf(data, 10));
                }
            }
            assertThat(narrow.getBytes("large")).isEqualTo(data);
        }
    }

    // ---- listing and deleting ---------------------------------------------------------------------

    @Test
    void keys_are_relative_to_the_disk_prefix_everywhere() {
        storage.put("rel/x.txt", Content.of("x"));
        assertThat(rawKeys()).contains("app/rel/x.txt");
        assertThat(storage.list(ListRequest.prefix("rel/")).objects()).extracting(ObjectInfo::key)
                .containsExactly("rel/x.txt");
        assertThat(storage.stat("rel/x.txt").key()).isEqualTo("rel/x.txt");
    }

    @Test
    void a_cursor_naming_a_common_prefix_skips_everything_under_it() {
        for (String k : List.of("cur/a/1", "cur/a/2", "cur/a/3", "cur/b", "cur/c/1", "cur/d")) {
            storage.put(k, Content.of(k));
        }
        Page first = storage.list(ListRequest.prefix("cur/").delimiter("/").limit(1));
        assertThat(first.prefixes()).containsExactly("cur/a/");
        assertThat(first.nextCursor()).isEqualTo("cur/a/");

        Page second = storage.list(ListRequest.prefix("cur/").delimiter("/").limit(2).after(first.nextCursor()));
        assertThat(second.objects()).extracting(ObjectInfo::key).containsExactly("cur/b");
        assertThat(second.prefixes()).containsExactly("cur/c/");
        assertThat(second.nextCursor()).isEqualTo("cur/c/");

        Page third = storage.list(ListRequest.prefix("cur/").delimiter("/").limit(2).after(second.nextCursor()));
        assertThat(third.objects()).extracting(ObjectInfo::key).containsExactly("cur/d");
        assertThat(third.hasMore()).isFalse();
    }

    @Test
    void listing_1100_keys_with_pages_of_1000_and_deleting_them_in_batches_of_1000() {
        List<String> keys = IntStream.range(0, 1100).mapToObj(i -> String.format("many/%05d", i)).toList();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            keys.forEach(k -> pool.submit(() -> storage.put(k, Content.of("x"))));
        }
        try (var all = storage.list("many/")) {
            assertThat(all.map(ObjectInfo::key)).containsExactlyElementsOf(keys);
        }
        Page page = storage.list(ListRequest.prefix("many/").limit(1000));
        assertThat(page.objects()).hasSize(1000);
        assertThat(page.nextCursor()).isEqualTo("many/00999");

        storage.deleteAll(keys.subList(0, 1050));
        assertThat(storage.deletePrefix("many/")).isEqualTo(50);
        assertThat(storage.list(ListRequest.prefix("many/")).objects()).isEmpty();
    }

    @Test
    void a_key_too_long_once_the_disk_prefix_is_added_is_refused_before_sending() {
        String longKey = "k".repeat(1022); // valid alone, 1,026 bytes under "app/"
        assertThatThrownBy(() -> storage.put(longKey, Content.of("x")))
                .isInstanceOfSatisfying(dev.stowage.InvalidKeyException.class,
                        e -> assertThat(e.getMessage()).contains("1020 bytes"));
    }

    // ---- URLs and errors --------------------------------------------------------------------------

    @Test
    void the_public_url_is_path_style_here_and_serves_nothing_without_a_policy() {
        URI url = storage.url("pub/a b.txt");
        assertThat(url.toString()).isEqualTo(S3ProxyServer.endpoint() + "/" + driver.bucket() + "/app/pub/a%20b.txt");
    }

    @Test
    void wrong_credentials_are_reported_as_access_denied() {
        try (Storage bad = Stowage.open(S3ProxyServer.disk("bad", Map.of("secret-key", "wrong", "create-bucket", "false",
                "bucket", driver.bucket())))) {
            assertThatThrownBy(() -> bad.getBytes("anything")).isInstanceOfSatisfying(AccessDeniedException.class,
                    e -> assertThat(e.getMessage()).doesNotContain("wrong").doesNotContain(S3ProxyServer.SECRET_KEY));
        }
    }

    @Test
    void an_unreachable_endpoint_is_reported_as_retryable_unavailability() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (Storage down = Stowage.open(S3ProxyServer.disk("down", Map.of("endpoint", "http://127.0.0.1:" + port,
                "create-bucket", "false", "max-attempts", "1", "connect-timeout", "1s")))) {
            assertThatThrownBy(() -> down.getBytes("k")).isInstanceOfSatisfying(StorageUnavailableException.class,
                    e -> assertThat(e.retryable()).isTrue());
        }
    }
}
