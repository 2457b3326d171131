package dev.stowage.driver.s3.ceph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import dev.stowage.testkit.TestBytes;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What the S3 driver with {@code preset=ceph} does on a real RGW beyond the contract: parallel
 * multipart and its abort, presigned URLs fetched over HTTP, conditional writes, ranges, metadata,
 * tags. Listing and deleting thousands of keys: {@link RgwManyKeysTest}.
 */
@ExtendWith(CephRgwExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RgwDriverTest {

    private static final int MIB = 1 << 20;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private RgwEndpoint rgw;
    private S3Client admin;
    private String bucket;
    private Storage storage;

    @BeforeAll
    void openTheDisk(RgwEndpoint rgw) {
        this.rgw = rgw;
        admin = RgwClients.checksumsWhenRequired(rgw);
        bucket = RgwClients.bucketName("driver");
        admin.createBucket(b -> b.bucket(bucket));
        storage = RgwDisks.open(rgw, bucket, Map.of("multipart-threshold", "5MiB", "part-size", "5MiB",
                "parallelism", "4"));
    }

    @AfterAll
    void deleteTheBucket() {
        if (storage != null) {
            storage.close();
        }
        if (admin != null) {
            RgwTestSupport.emptyAndDelete(admin, bucket);
            admin.close();
        }
    }

    private static String unique(String name) {
        return UUID.randomUUID().toString().substring(0, 8) + "/" + name;
    }

    // ---------------------------------------------------------------------------------------- multipart

    @Test
    void a_stream_larger_than_the_threshold_is_uploaded_in_parallel_parts_and_reads_back_whole() throws IOException {
        String key = unique("big.bin");
        long length = 23L * MIB;

        ObjectInfo written = storage.put(key, Content.of(TestBytes.stream(length, 7)));

        ObjectInfo stat = storage.stat(key);
        assertThat(stat.size()).isEqualTo(length);
        assertThat(stat.etag()).as("a multipart etag names its part count").endsWith("-5");
        assertThat(written.etag()).isEqualTo(stat.etag());
        try (InputStream in = storage.open(key)) {
            assertThat(TestBytes.sha256(in)).isEqualTo(TestBytes.sha256(TestBytes.stream(length, 7)));
        }
    }

    @Test
    void a_multipart_upload_whose_source_fails_is_aborted_and_leaves_no_parts_behind() {
        String key = unique("aborted.bin");
        InputStream failing = new SequenceInputStream(TestBytes.stream(12L * MIB, 3), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("source broke after 12 MiB");
            }
        });

        assertThatThrownBy(() -> storage.put(key, Content.of(failing))).hasStackTraceContaining("source broke");

        assertThat(admin.listMultipartUploads(b -> b.bucket(bucket).prefix(key)).uploads()).isEmpty();
        assertThat(storage.exists(key)).isFalse();
    }

    // ------------------------------------------------------------------------------------ signed URLs

    @Test
    void a_presigned_get_url_downloads_the_object_with_plain_http() throws Exception {
        String key = unique("report.txt");
        storage.put(key, Content.of("signed bytes"), PutOptions.builder().contentType("text/plain").build());

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                storage.signedUrl(key, SignedUrlOptions.get(Duration.ofMinutes(5)).download("Bericht März.txt")))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("signed bytes");
        assertThat(response.headers().firstValue("content-type")).hasValue("text/plain");
        assertThat(response.headers().firstValue("content-disposition")).hasValueSatisfying(
                d -> assertThat(d).startsWith("attachment").contains("filename*=UTF-8''Bericht%20M%C3%A4rz.txt"));
        assertThat(response.headers().firstValue("content-encoding")).isEmpty();
    }

    @Test
    void a_presigned_put_url_uploads_with_plain_http_and_the_disk_then_reads_it() throws Exception {
        String key = unique("upload.json");
        var url = storage.signedUrl(key, SignedUrlOptions.put(Duration.ofMinutes(5)).contentType("application/json"));

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"ok\":true}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(storage.getString(key)).isEqualTo("{\"ok\":true}");
        assertThat(storage.stat(key).contentType()).isEqualTo("application/json");
    }

    @Test
    void an_expired_presigned_url_is_refused() throws Exception {
        String key = unique("soon-gone.txt");
        storage.put(key, Content.of("x"));
        var url = storage.signedUrl(key, SignedUrlOptions.get(Duration.ofSeconds(1)));
        Thread.sleep(2100);

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
    }

    // ---------------------------------------------------------------------------------- conditional writes

    @Test
    void a_create_only_write_fails_when_the_key_exists_and_leaves_the_object_alone() {
        String key = unique("once.txt");
        storage.put(key, Content.of("first"), PutOptions.builder().ifNoneMatch().build());

        assertThatThrownBy(() -> storage.put(key, Content.of("second"), PutOptions.builder().ifNoneMatch().build()))
                .isInstanceOf(ObjectAlreadyExistsException.class);
        assertThat(storage.getString(key)).isEqualTo("first");
    }

    @Test
    void a_compare_and_swap_write_succeeds_with_the_current_etag_quoted_or_not() {
        String key = unique("cas.txt");
        ObjectInfo v1 = storage.put(key, Content.of("v1"));
        assertThat(v1.etag()).doesNotStartWith("\"");

        ObjectInfo v2 = storage.put(key, Content.of("v2"), PutOptions.builder().ifMatch(v1.etag()).build());
        ObjectInfo v3 = storage.put(key, Content.of("v3"), PutOptions.builder().ifMatch("\"" + v2.etag() + "\"").build());

        assertThat(v3.etag()).isEqualTo(storage.stat(key).etag());
        assertThat(storage.getString(key)).isEqualTo("v3");
    }

    @Test
    void a_compare_and_swap_write_with_a_stale_etag_fails_and_leaves_the_object_alone() {
        String key = unique("stale.txt");
        ObjectInfo v1 = storage.put(key, Content.of("v1"));
        storage.put(key, Content.of("v2"));

        assertThatThrownBy(() -> storage.put(key, Content.of("v3"), PutOptions.builder().ifMatch(v1.etag()).build()))
                .isInstanceOf(PreconditionFailedException.class);
        assertThat(storage.getString(key)).isEqualTo("v2");
    }

    @Test
    void a_compare_and_swap_on_a_missing_key_fails() {
        assertThatThrownBy(() -> storage.put(unique("never.txt"), Content.of("v"),
                PutOptions.builder().ifMatch("0123456789abcdef0123456789abcdef").build()))
                .isInstanceOf(PreconditionFailedException.class);
    }

    // ------------------------------------------------------------------------------------------ ranges

    @Test
    void ranged_reads_return_exactly_the_requested_bytes() throws IOException {
        String key = unique("range.bin");
        byte[] bytes = TestBytes.random(100_000, 11);
        storage.put(key, Content.of(bytes));

        assertThat(read(key, ByteRange.of(0, 0))).containsExactly(bytes[0]);
        assertThat(read(key, ByteRange.of(1000, 1999))).isEqualTo(slice(bytes, 1000, 2000));
        assertThat(read(key, ByteRange.from(99_990))).isEqualTo(slice(bytes, 99_990, 100_000));
        assertThat(read(key, ByteRange.suffix(10))).isEqualTo(slice(bytes, 99_990, 100_000));
        assertThat(read(key, ByteRange.of(99_000, 200_000))).as("a range past the end is cut at the end")
                .isEqualTo(slice(bytes, 99_000, 100_000));
    }

    @Test
    void ranges_at_or_past_the_end_and_empty_suffixes_yield_no_bytes_although_rgw_answers_otherwise() throws IOException {
        String key = unique("short.bin");
        storage.put(key, Content.of(new byte[10]));

        assertThat(read(key, ByteRange.from(10))).as("RGW answers 416").isEmpty();
        assertThat(read(key, ByteRange.of(20, 30))).as("RGW answers 416").isEmpty();
        assertThat(read(key, ByteRange.suffix(0))).as("RGW answers bytes=-0 with the whole object").isEmpty();
        assertThat(read(key, ByteRange.suffix(50))).hasSize(10);
    }

    private byte[] read(String key, ByteRange range) throws IOException {
        try (InputStream in = storage.open(key, range)) {
            return in.readAllBytes();
        }
    }

    private static byte[] slice(byte[] bytes, int from, int to) {
        return java.util.Arrays.copyOfRange(bytes, from, to);
    }

    // ----------------------------------------------------------------------------- metadata and tags

    @Test
    void metadata_with_underscores_in_names_and_the_standard_headers_round_trip() {
        String key = unique("meta.txt");
        PutOptions options = PutOptions.builder().contentType("text/csv; charset=utf-8")
                .contentDisposition("inline").cacheControl("max-age=60")
                .metadata("case_id", "42").metadata("owner", "zoe").metadata("x_2", "a  b").build();

        storage.put(key, Content.of("a,b"), options);

        ObjectInfo info = storage.stat(key);
        assertThat(info.metadata()).containsExactlyInAnyOrderEntriesOf(
                Map.of("case_id", "42", "owner", "zoe", "x_2", "a  b"));
        assertThat(info.contentType()).isEqualTo("text/csv; charset=utf-8");
        assertThat(info.contentDisposition()).isEqualTo("inline");
        assertThat(info.cacheControl()).isEqualTo("max-age=60");
    }

    @Test
    void metadata_survives_a_server_side_copy() {
        String key = unique("meta-src.txt");
        storage.put(key, Content.of("m"), PutOptions.builder().metadata("case_id", "7").build());

        storage.copy(key, key + ".copy");

        assertThat(storage.stat(key + ".copy").metadata()).containsExactlyEntriesOf(Map.of("case_id", "7"));
    }

    @Test
    void tags_written_with_an_object_are_read_back() {
        String key = unique("tagged.txt");
        PutOptions options = PutOptions.builder().tag("team", "data").tag("class", "pii + more").build();

        storage.put(key, Content.of("t"), options);

        assertThat(storage.tags(key)).containsExactlyInAnyOrderEntriesOf(
                Map.of("team", "data", "class", "pii + more"));
    }

    @Test
    void tags_written_with_a_multipart_upload_are_read_back() {
        String key = unique("tagged-big.bin");

        storage.put(key, Content.of(TestBytes.stream(6L * MIB, 5)), PutOptions.builder().tag("size", "big").build());

        assertThat(storage.tags(key)).containsExactlyEntriesOf(Map.of("size", "big"));
    }
}
