package dev.stowage.driver.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobContainerClientBuilder;
import com.azure.storage.blob.models.BlockListType;
import com.azure.storage.common.StorageSharedKeyCredential;
import dev.stowage.ByteRange;
import dev.stowage.Content;
import dev.stowage.ListRequest;
import dev.stowage.ObjectAlreadyExistsException;
import dev.stowage.ObjectInfo;
import dev.stowage.ObjectNotFoundException;
import dev.stowage.Page;
import dev.stowage.PreconditionFailedException;
import dev.stowage.PutOptions;
import dev.stowage.SignedUrlOptions;
import dev.stowage.Storage;
import dev.stowage.StorageException;
import dev.stowage.Stowage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What is specific to Azure, proven against a real Azurite. */
@org.junit.jupiter.api.extension.ExtendWith(AzuriteRequired.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AzureDriverTest {
    private static final int MIB = 1 << 20;

    private Azurite azurite;
    private String container;
    private Storage storage;
    private BlobContainerClient raw;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() {
        azurite = Azurite.shared();
        container = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        // upload-md5=always: Azurite is on loopback, where the default (auto) sends no transactional MD5
        storage = Stowage.open(azurite.disk("az", container, "base/")
                .with("block-size", "4MiB").with("single-upload-threshold", "4MiB").with("parallelism", "4")
                .with("upload-md5", "always"));
        raw = new BlobContainerClientBuilder().endpoint(azurite.endpoint() + "/" + container)
                .credential(new StorageSharedKeyCredential(Azurite.ACCOUNT, Azurite.KEY)).buildClient();
    }

    @AfterAll
    void stop() {
        if (storage != null) {
            storage.close();
        }
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static String unique(String stem) {
        return stem + "-" + UUID.randomUUID();
    }

    @Test
    void a_48_mib_upload_is_staged_in_parallel_blocks_and_reads_back_identical() throws IOException {
        byte[] data = random(48 * MIB, 48);
        String key = unique("big") + ".bin";
        ObjectInfo put = storage.put(key, Content.of(new java.io.ByteArrayInputStream(data)),
                PutOptions.builder().metadata(Map.of("kind", "big")).build());
        assertThat(put.size()).isEqualTo(data.length);
        var blocks = raw.getBlobClient("base/" + key).getBlockBlobClient().listBlocks(BlockListType.ALL);
        assertThat(blocks.getCommittedBlocks()).hasSize(12);
        assertThat(blocks.getUncommittedBlocks()).isEmpty();
        try (InputStream in = storage.open(key)) {
            assertThat(Arrays.equals(in.readAllBytes(), data)).isTrue();
        }
        ObjectInfo stat = storage.stat(key);
        assertThat(stat.size()).isEqualTo(data.length);
        assertThat(stat.metadata()).containsEntry("kind", "big");
        assertThat(stat.checksums()).containsKey(dev.stowage.ChecksumAlgorithm.MD5);
        assertThat(stat.checksum(dev.stowage.ChecksumAlgorithm.MD5))
                .isEqualTo(put.checksum(dev.stowage.ChecksumAlgorithm.MD5));
    }

    @Test
    void without_a_transactional_md5_every_object_still_carries_its_crc32c_and_whole_reads_check_it()
            throws Exception {
        try (Storage plain = Stowage.open(azurite.disk("az-plain", container, "plain/")
                .with("block-size", "64KiB").with("single-upload-threshold", "64KiB"))) {
            byte[] small = random(1000, 5);
            byte[] big = random(300 << 10, 6);
            ObjectInfo one = plain.put("small", Content.of(small));
            ObjectInfo staged = plain.put("big", Content.of(new java.io.ByteArrayInputStream(big)));
            assertThat(one.checksum(dev.stowage.ChecksumAlgorithm.CRC32C)).isEqualTo(dev.stowage.spi.Checksums.crc32c(small));
            // Put Blob: the service computed the MD5 itself
            assertThat(one.checksum(dev.stowage.ChecksumAlgorithm.MD5)).isEqualTo(java.util.Base64.getEncoder()
                    .encodeToString(java.security.MessageDigest.getInstance("MD5").digest(small)));
            assertThat(staged.checksum(dev.stowage.ChecksumAlgorithm.CRC32C)).isEqualTo(dev.stowage.spi.Checksums.crc32c(big));
            assertThat(plain.stat("big").checksum(dev.stowage.ChecksumAlgorithm.CRC32C))
                    .isEqualTo(dev.stowage.spi.Checksums.crc32c(big));
            assertThat(plain.getBytes("big")).isEqualTo(big);
            raw.getBlobClient("plain/big").setMetadata(Map.of("stowage_crc32c", dev.stowage.spi.Checksums.crc32c(small)));
            assertThatThrownBy(() -> plain.getBytes("big")).isInstanceOf(StorageException.class)
                    .hasMessageContaining("CRC32C");
        }
    }

    @Test
    void a_whole_read_whose_bytes_do_not_match_the_stored_checksum_fails_instead_of_returning_them()
            throws Exception {
        String key = unique("crc");
        storage.put(key, Content.of("the real bytes"), PutOptions.builder().metadata(Map.of("owner", "me")).build());
        var blob = raw.getBlobClient("base/" + key);
        assertThat(storage.stat(key).checksum(dev.stowage.ChecksumAlgorithm.CRC32C))
                .isEqualTo(dev.stowage.spi.Checksums.crc32c("the real bytes".getBytes(StandardCharsets.UTF_8)));
        blob.setMetadata(Map.of("owner", "me", "stowage_crc32c",
                dev.stowage.spi.Checksums.crc32c("other".getBytes(StandardCharsets.UTF_8))));
        assertThatThrownBy(() -> storage.getBytes(key)).isInstanceOf(StorageException.class)
                .hasMessageContaining("CRC32C").satisfies(e -> assertThat(((StorageException) e).retryable()).isTrue());
        try (InputStream in = storage.open(key, ByteRange.of(0, 3))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("the ");
        }

        // a blob written by another tool has no CRC32C: its Content-MD5 is checked instead
        String foreign = unique("md5");
        var other = raw.getBlobClient("base/" + foreign);
        other.upload(com.azure.core.util.BinaryData.fromString("foreign bytes"), true);
        assertThat(storage.getString(foreign)).isEqualTo("foreign bytes");
        other.setHttpHeaders(new com.azure.storage.blob.models.BlobHttpHeaders()
                .setContentMd5(java.security.MessageDigest.getInstance("MD5").digest("other".getBytes())));
        assertThatThrownBy(() -> storage.getBytes(foreign)).isInstanceOf(StorageException.class)
                .hasMessageContaining("Content-MD5");
    }

    @Test
    void a_failed_staged_upload_leaves_no_committed_blob_and_keeps_the_previous_one() {
        String fresh = unique("broken");
        assertThatThrownBy(() -> storage.put(fresh, Content.of(failingAfter(10 * MIB))))
                .isInstanceOf(StorageException.class).hasMessageContaining(fresh);
        assertThat(storage.exists(fresh)).isFalse();
        assertThat(storage.list(ListRequest.prefix("")).objects()).extracting(ObjectInfo::key).doesNotContain(fresh);

        String existing = unique("kept");
        storage.put(existing, Content.of("old"));
        assertThatThrownBy(() -> storage.put(existing, Content.of(failingAfter(9 * MIB))))
                .isInstanceOf(StorageException.class);
        assertThat(storage.getString(existing)).isEqualTo("old");
    }

    private static InputStream failingAfter(int bytes) {
        return new InputStream() {
            private int served;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (served >= bytes) {
                    throw new IOException("the source broke");
                }
                int n = Math.min(len, bytes - served);
                Arrays.fill(b, off, off + n, (byte) 7);
                served += n;
                return n;
            }
        };
    }

    @Test
    void create_only_and_compare_and_swap_apply_to_staged_uploads_too() {
        String key = unique("cas");
        byte[] big = random(9 * MIB, 9);
        ObjectInfo first = storage.put(key, Content.of(new java.io.ByteArrayInputStream(big), big.length),
                PutOptions.builder().ifNoneMatch().build());
        assertThatThrownBy(() -> storage.put(key, Content.of(new java.io.ByteArrayInputStream(big), big.length),
                PutOptions.builder().ifNoneMatch().build())).isInstanceOf(ObjectAlreadyExistsException.class);
        ObjectInfo second = storage.put(key, Content.of(new java.io.ByteArrayInputStream(big), big.length),
                PutOptions.builder().ifMatch(first.etag()).build());
        assertThatThrownBy(() -> storage.put(key, Content.of(new java.io.ByteArrayInputStream(big), big.length),
                PutOptions.builder().ifMatch(first.etag()).build())).isInstanceOf(PreconditionFailedException.class);
        assertThat(storage.stat(key).etag()).isEqualTo(second.etag());
        assertThatThrownBy(() -> storage.put(key, Content.of("small"), PutOptions.builder().ifMatch(first.etag()).build()))
                .isInstanceOf(PreconditionFailedException.class);
        assertThatThrownBy(() -> storage.put(key, Content.of("small"), PutOptions.builder().ifNoneMatch().build()))
                .isInstanceOf(ObjectAlreadyExistsException.class);
    }

    @Test
    void thirty_two_threads_writing_one_key_with_if_none_match_have_exactly_one_winner() throws Exception {
        String key = unique("race");
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger won = new AtomicInteger();
        AtomicInteger lost = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
            for (int i = 0; i < 32; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    go.await();
                    try {
                        storage.put(key, Content.of("writer " + n), PutOptions.builder().ifNoneMatch().build());
                        won.incrementAndGet();
                    } catch (ObjectAlreadyExistsException e) {
                        lost.incrementAndGet();
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
        }
        assertThat(won.get()).isEqualTo(1);
        assertThat(lost.get()).isEqualTo(31);
        assertThat(storage.getString(key)).startsWith("writer ");
    }

    @Test
    void signed_get_and_put_urls_work_over_plain_http_and_expire() throws Exception {
        String key = unique("signed") + "/ünï code.txt";
        storage.put(key, Content.of("signed bytes"));
        URI get = storage.signedUrl(key, SignedUrlOptions.get(Duration.ofMinutes(5)).download("résumé \"final\".txt"));
        HttpResponse<String> got = http.send(HttpRequest.newBuilder(get).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.body()).isEqualTo("signed bytes");
        assertThat(got.headers().firstValue("content-disposition").orElse(""))
                .startsWith("attachment").contains("filename*=UTF-8''" + URLEncoder.encode("résumé", StandardCharsets.UTF_8));

        String upload = unique("incoming") + ".bin";
        URI put = storage.signedUrl(upload, SignedUrlOptions.put(Duration.ofMinutes(5)));
        HttpResponse<String> sent = http.send(HttpRequest.newBuilder(put).header("x-ms-blob-type", "BlockBlob")
                .header("Content-Type", "text/csv").PUT(HttpRequest.BodyPublishers.ofString("uploaded")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).isEqualTo(201);
        assertThat(storage.getString(upload)).isEqualTo("uploaded");
        assertThat(storage.stat(upload).contentType()).isEqualTo("text/csv");
        HttpResponse<String> noBlobType = http.send(HttpRequest.newBuilder(put)
                .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noBlobType.statusCode()).as("Put Blob without x-ms-blob-type").isEqualTo(400);

        URI shortGet = storage.signedUrl(key, SignedUrlOptions.get(Duration.ofSeconds(1)));
        URI shortPut = storage.signedUrl(upload, SignedUrlOptions.put(Duration.ofSeconds(1)));
        Thread.sleep(2500);
        assertThat(http.send(HttpRequest.newBuilder(shortGet).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode()).isEqualTo(403);
        assertThat(http.send(HttpRequest.newBuilder(shortPut).header("x-ms-blob-type", "BlockBlob")
                .PUT(HttpRequest.BodyPublishers.ofString("late")).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode()).isEqualTo(403);
        assertThat(storage.getString(upload)).isEqualTo("uploaded");
    }

    @Test
    void tags_round_trip_and_find_by_tags_finds_the_tagged_objects_of_this_disk() {
        String project = "p" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String a = unique("tagged") + "/a";
        String b = unique("tagged") + "/b";
        storage.put(a, Content.of("a"), PutOptions.builder().tags(Map.of("project", project, "tier", "hot")).build());
        storage.put(b, Content.of("b"), PutOptions.builder().tags(Map.of("project", project, "tier", "cold")).build());
        storage.put(unique("untagged"), Content.of("c"));
        assertThat(storage.tags(a)).isEqualTo(Map.of("project", project, "tier", "hot"));
        assertThat(storage.stat(b).tags()).isEqualTo(Map.of("project", project, "tier", "cold"));

        assertThat(storage.findByTags("\"project\" = '" + project + "'")).extracting(ObjectInfo::key)
                .containsExactlyInAnyOrder(a, b);
        assertThat(storage.findByTags("\"project\" = '" + project + "' AND \"tier\" = 'hot'"))
                .extracting(ObjectInfo::key).containsExactly(a);

        String copy = unique("tag-copy");
        storage.copy(a, copy);
        assertThat(storage.tags(copy)).isEqualTo(Map.of("project", project, "tier", "hot"));
    }

    @Test
    void hierarchical_listing_is_in_key_order_with_prefixes_among_objects_and_pages_by_key_cursors() {
        String root = unique("tree") + "/";
        for (String k : List.of("a", "b/1", "b/2", "c", "d/x/y", "e", "f/1")) {
            storage.put(root + k, Content.of(k));
        }
        Page all = storage.list(ListRequest.prefix(root).delimiter("/"));
        assertThat(all.objects()).extracting(ObjectInfo::key).containsExactly(root + "a", root + "c", root + "e");
        assertThat(all.prefixes()).containsExactly(root + "b/", root + "d/", root + "f/");
        assertThat(all.hasMore()).isFalse();

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page p = storage.list(ListRequest.prefix(root).delimiter("/").limit(2).after(cursor));
            List<String> entries = new ArrayList<>();
            p.objects().forEach(o -> entries.add(o.key()));
            entries.addAll(p.prefixes());
            entries.sort(dev.stowage.spi.KeyOrder.COMPARATOR);
            seen.addAll(entries);
            cursor = p.nextCursor();
            pages++;
        } while (cursor != null);
        assertThat(seen).containsExactly(root + "a", root + "b/", root + "c", root + "d/", root + "e", root + "f/");
        assertThat(pages).isEqualTo(3);

        Page afterInside = storage.list(ListRequest.prefix(root).delimiter("/").after(root + "b/1"));
        assertThat(afterInside.prefixes()).startsWith(root + "b/");
        assertThat(storage.list(ListRequest.prefix(root).after(root + "c")).objects()).extracting(ObjectInfo::key)
                .containsExactly(root + "d/x/y", root + "e", root + "f/1");
    }

    @Test
    void ranges_stream_the_asked_bytes_including_suffixes_and_ranges_past_the_end() throws IOException {
        String key = unique("range");
        byte[] data = random(1000, 3);
        storage.put(key, Content.of(data));
        try (InputStream in = storage.open(key, ByteRange.of(10, 19))) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, 10, 20));
        }
        try (InputStream in = storage.open(key, ByteRange.suffix(7))) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, 993, 1000));
        }
        try (InputStream in = storage.open(key, ByteRange.from(995))) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, 995, 1000));
        }
        try (InputStream in = storage.open(key, ByteRange.of(990, 5000))) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, 990, 1000));
        }
        try (InputStream in = storage.open(key, ByteRange.from(1000))) {
            assertThat(in.readAllBytes()).isEmpty();
        }
        assertThatThrownBy(() -> storage.open(unique("missing"), ByteRange.of(0, 1)))
                .isInstanceOf(ObjectNotFoundException.class);
    }

    @Test
    void delete_all_removes_many_keys_and_ignores_missing_ones() {
        String root = unique("many") + "/";
        List<String> keys = IntStream.range(0, 100).mapToObj(i -> root + i).toList();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            keys.forEach(k -> pool.submit(() -> storage.put(k, Content.of(k))));
        }
        List<String> withMissing = new ArrayList<>(keys);
        withMissing.add(root + "never-written");
        storage.deleteAll(withMissing);
        assertThat(storage.list(ListRequest.prefix(root)).objects()).isEmpty();
    }

    @Test
    void copy_keeps_content_type_and_metadata_and_move_removes_the_source() {
        String src = unique("src") + ".json";
        storage.put(src, Content.of("{}"), PutOptions.builder().contentType("application/json")
                .metadata(Map.of("owner", "me")).cacheControl("max-age=60").contentDisposition("inline").build());
        String dst = unique("dst");
        ObjectInfo copied = storage.copy(src, dst);
        assertThat(copied.contentType()).isEqualTo("application/json");
        assertThat(copied.metadata()).containsEntry("owner", "me");
        assertThat(copied.cacheControl()).isEqualTo("max-age=60");
        assertThat(storage.getString(dst)).isEqualTo("{}");
        String moved = unique("moved");
        storage.move(dst, moved);
        assertThat(storage.exists(dst)).isFalse();
        assertThat(storage.stat(moved).metadata()).containsEntry("owner", "me");
        assertThatThrownBy(() -> storage.copy(unique("nothing"), unique("x"))).isInstanceOf(ObjectNotFoundException.class);
    }

    @Test
    void an_az_uri_opens_the_same_container_and_never_prints_the_key() {
        String uri = "az://" + container + "/base?account=" + Azurite.ACCOUNT + "&endpoint="
                + URLEncoder.encode(azurite.endpoint(), StandardCharsets.UTF_8) + "&account-key="
                + URLEncoder.encode(Azurite.KEY, StandardCharsets.UTF_8);
        String key = unique("via-uri");
        storage.put(key, Content.of("same"));
        try (Storage viaUri = Stowage.open(uri)) {
            assertThat(viaUri.getString(key)).isEqualTo("same");
            assertThat(viaUri.toString()).doesNotContain(Azurite.KEY);
            assertThat(viaUri.unwrap(AzureDriver.class).toString()).doesNotContain(Azurite.KEY).contains("shared key");
        }
    }

    @Test
    void a_wrong_account_key_is_access_denied_and_the_key_is_not_in_the_message() {
        String wrong = java.util.Base64.getEncoder().encodeToString(random(64, 1));
        try (Storage bad = Stowage.open(azurite.disk("bad", container, "").with("account-key", wrong)
                .with("create-container", "false"))) {
            assertThatThrownBy(() -> bad.stat("anything")).isInstanceOf(dev.stowage.AccessDeniedException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong));
        }
    }

    @Test
    void a_missing_container_is_named_in_the_error() {
        try (Storage none = Stowage.open(azurite.disk("none", "nosuchcontainer" + container.substring(1, 9), "")
                .with("create-container", "false"))) {
            assertThatThrownBy(() -> none.put("k", Content.of("x"))).isInstanceOf(StorageException.class)
                    .hasMessageContaining("does not exist").hasMessageContaining("create-container");
            assertThatThrownBy(() -> none.stat("k")).isInstanceOf(ObjectNotFoundException.class);
        }
    }

    @Test
    void public_urls_use_the_cdn_base_when_configured() {
        try (Storage cdn = Stowage.open(azurite.disk("cdn", container, "base/")
                .with("public-url", "https://cdn.example.com/assets/"))) {
            assertThat(cdn.url("a b/ü.png").toString()).isEqualTo("https://cdn.example.com/assets/a%20b/%C3%BC.png");
        }
        assertThat(storage.url("x/y.txt").toString()).isEqualTo(azurite.endpoint() + "/" + container + "/base/x/y.txt");
    }
}
