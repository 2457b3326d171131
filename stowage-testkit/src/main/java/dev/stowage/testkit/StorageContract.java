package dev.stowage.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.stowage.ByteRange;
import dev.stowage.Capability;
import dev.stowage.ChecksumAlgorithm;
import dev.stowage.Content;
import dev.stowage.ContentTooLargeException;
import dev.stowage.InvalidKeyException;
import dev.stowage.ListRequest;
import dev.stowage.ObjectAlreadyExistsException;
import dev.stowage.ObjectInfo;
import dev.stowage.ObjectNotFoundException;
import dev.stowage.Operation;
import dev.stowage.Page;
import dev.stowage.PreconditionFailedException;
import dev.stowage.PutOptions;
import dev.stowage.SignedUrlOptions;
import dev.stowage.Storage;
import dev.stowage.StorageException;
import dev.stowage.UnsupportedCapabilityException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The behaviour every Stowage driver must show, as one JUnit 5 suite. A driver's test class
 * extends it and implements {@link #openStorage()}; the suite opens the disk once, runs every test
 * under its own random prefix ({@code contract-xxxxxxxx/}), deletes that prefix afterwards and
 * closes the disk after the last test.
 *
 * <pre>{@code
 * class S3ContractTest extends StorageContract {
 *     protected Storage openStorage() { return Stowage.open("s3://bucket?endpoint=" + server.url()); }
 *     protected Map<Capability, String> unsupportedHere() {
 *         return Map.of(Capability.TAGS, "the emulator ignores tagging headers");
 *     }
 * }
 * }</pre>
 *
 * <p>Tests that need an optional {@link Capability} run in full where the disk reports it; where it
 * does not, they check instead that a call needing it fails up front with
 * {@code UnsupportedCapabilityException} (see {@link #runsWith(Capability)}), so an honest driver
 * passes with nothing skipped. When the server under test lacks something the driver supports (an
 * emulator without tags, say), name it in {@link #unsupportedHere()} with the reason: those tests
 * are then skipped, visibly. Signed URLs
 * are fetched over real HTTP with {@link HttpClient}; disks whose URLs Stowage serves itself
 * (memory, local) need a server such as {@link SignedUrlServer}.
 *
 * <p>The keys used are portable: none is also the folder of another ({@code a} beside {@code a/b}),
 * which object stores allow and a local file system cannot hold.
 *
 * <p>Test names are sentences stating the behaviour.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class StorageContract {

    /** The disk under test, open for the whole class. */
    protected Storage storage;

    /** This test's prefix, e.g. {@code contract-1a2b3c4d/}; everything under it is deleted afterwards. */
    protected String prefix;

    private HttpClient http;

    /**
     * Opens the disk under test. Called once, before the first test; the suite closes it after the
     * last. The disk may hold other data: the suite only touches keys under its own prefixes.
     */
    protected abstract Storage openStorage() throws Exception;

    /**
     * Capabilities the driver reports but the server under test lacks, each with the reason; tests
     * needing them are skipped. Empty by default.
     */
    protected Map<Capability, String> unsupportedHere() {
        return Map.of();
    }

    @BeforeAll
    final void contractOpensTheStorage() throws Exception {
        storage = openStorage();
        if (storage == null) {
            throw new IllegalStateException("openStorage() returned null");
        }
    }

    @AfterAll
    final void contractClosesTheStorage() {
        if (http != null) {
            http.close();
        }
        if (storage != null) {
            storage.close();
        }
    }

    @BeforeEach
    final void contractChoosesAPrefix() {
        prefix = "contract-" + UUID.randomUUID().toString().substring(0, 8) + "/";
    }

    @AfterEach
    final void contractDeletesThePrefix() {
        storage.deletePrefix(prefix);
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** A key under this test's prefix. */
    protected final String key(String name) {
        return prefix + name;
    }

    /** Whether the disk under test has {@code capability} (reported, and not listed in {@link #unsupportedHere()}). */
    protected final boolean has(Capability capability) {
        return storage.capabilities().supports(capability) && !unsupportedHere().containsKey(capability);
    }

    /** Skips the calling test unless the disk has {@code capability}. */
    protected final void assume(Capability capability) {
        String why = unsupportedHere().get(capability);
        Assumptions.assumeTrue(storage.capabilities().supports(capability),
                () -> storage.name() + " does not report " + capability);
        Assumptions.assumeTrue(why == null, () -> capability + " is unsupported here: " + why);
    }

    /** A shared HTTP client for signed URLs (HTTP/1.1, no redirects). */
    protected final HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
        }
        return http;
    }

    private HttpResponse<byte[]> fetch(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http().send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private List<String> listKeys(String listPrefix) {
        try (Stream<ObjectInfo> s = storage.list(listPrefix)) {
            return s.map(ObjectInfo::key).toList();
        }
    }

    /**
     * Whether a test of {@code capability} runs. When the disk reports it, yes (unless
     * {@link #unsupportedHere()} names it: then the test is skipped). When the disk does not report
     * it, the test instead checks that a call needing it fails up front with
     * {@link UnsupportedCapabilityException}, storing nothing, and ends there: no test is skipped
     * for a capability a driver honestly lacks.
     */
    protected final boolean runsWith(Capability capability) {
        if (storage.capabilities().supports(capability)) {
            String why = unsupportedHere().get(capability);
            Assumptions.assumeTrue(why == null, () -> capability + " is unsupported here: " + why);
            return true;
        }
        String k = key("needs-" + capability.name().toLowerCase(java.util.Locale.ROOT));
        ThrowingCallable call = switch (capability) {
            case RANGE_READ -> {
                storage.put(k, Content.of("x"));
                yield () -> storage.open(k, ByteRange.of(0, 0)).close();
            }
            case METADATA -> () -> storage.put(k, Content.of("x"), PutOptions.builder().metadata("m", "v").build());
            case TAGS -> () -> storage.put(k, Content.of("x"), PutOptions.builder().tag("t", "v").build());
            case TAG_SEARCH -> () -> storage.findByTags("\"t\" = 'v'");
            case CONDITIONAL_CREATE -> () -> storage.put(k, Content.of("x"), PutOptions.builder().ifNoneMatch().build());
            case CONDITIONAL_UPDATE -> () -> storage.put(k, Content.of("x"), PutOptions.builder().ifMatch("abc").build());
            case SIGNED_GET -> () -> storage.signedUrl(k, SignedUrlOptions.get(Duration.ofMinutes(1)));
            case SIGNED_PUT -> () -> storage.signedUrl(k, SignedUrlOptions.put(Duration.ofMinutes(1)));
            case PUBLIC_URL -> () -> storage.url(k);
            default -> null;
        };
        Assumptions.assumeTrue(call != null, () -> storage.name() + " does not report " + capability);
        assertThatThrownBy(call).as("a call needing %s, which the disk does not report", capability)
                .isInstanceOfSatisfying(UnsupportedCapabilityException.class, e -> {
                    assertThat(e.capability()).isEqualTo(capability);
                    assertThat(e.disk()).isEqualTo(storage.name());
                });
        if (capability != Capability.RANGE_READ) {
            assertThat(storage.exists(k)).as("nothing stored by a refused call").isFalse();
        }
        return false;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // ---- round trips of every kind of content ----------------------------------------------------

    @Test
    void writing_bytes_and_reading_them_back_returns_the_same_bytes() {
        byte[] data = TestBytes.random(10_000, 1);
        ObjectInfo info = storage.put(key("bytes.bin"), Content.of(data));
        assertThat(info.size()).isEqualTo(data.length);
        assertThat(info.key()).isEqualTo(key("bytes.bin"));
        assertThat(info.disk()).isEqualTo(storage.name());
        assertThat(info.contentType()).isEqualTo(ObjectInfo.OCTET_STREAM);
        assertThat(storage.getBytes(key("bytes.bin"))).isEqualTo(data);
    }

    @Test
    void writing_a_string_stores_its_utf8_bytes() {
        String text = "héllo wörld — 你好 🌍";
        storage.put(key("text.txt"), Content.of(text));
        assertThat(storage.getString(key("text.txt"))).isEqualTo(text);
        assertThat(storage.getBytes(key("text.txt"))).isEqualTo(utf8(text));
    }

    @Test
    void writing_a_file_stores_its_bytes(@TempDir Path dir) throws IOException {
        byte[] data = TestBytes.random(70_000, 2);
        Path file = dir.resolve("source.bin");
        Files.write(file, data);
        ObjectInfo info = storage.put(key("file.bin"), Content.of(file));
        assertThat(info.size()).isEqualTo(data.length);
        assertThat(storage.getBytes(key("file.bin"))).isEqualTo(data);
    }

    @Test
    void writing_a_stream_of_known_length_stores_its_bytes() {
        byte[] data = TestBytes.random(100_000, 3);
        ObjectInfo info = storage.put(key("stream.bin"), Content.of(new ByteArrayInputStream(data), data.length));
        assertThat(info.size()).isEqualTo(data.length);
        assertThat(storage.getBytes(key("stream.bin"))).isEqualTo(data);
    }

    @Test
    void writing_a_stream_of_unknown_length_stores_its_bytes() {
        byte[] data = TestBytes.random(100_000, 4);
        ObjectInfo info = storage.put(key("stream.bin"), Content.of(new ByteArrayInputStream(data)));
        assertThat(info.size()).isEqualTo(data.length);
        assertThat(storage.getBytes(key("stream.bin"))).isEqualTo(data);
    }

    @Test
    void writing_a_publisher_of_known_length_stores_its_bytes() {
        byte[] data = TestBytes.random(200_000, 5);
        ObjectInfo info = storage.put(key("pub.bin"), Content.of(ContractSources.publisherOf(data, 8192), data.length));
        assertThat(info.size()).isEqualTo(data.length);
        assertThat(storage.getBytes(key("pub.bin"))).isEqualTo(data);
    }

    @Test
    void writing_a_publisher_of_unknown_length_stores_its_bytes() {
        byte[] data = TestBytes.random(200_000, 6);
        ObjectInfo info = storage.put(key("pub.bin"), Content.of(ContractSources.publisherOf(data, 5000), -1));
        assertThat(info.size()).isEqualTo(data.length);
        assertThat(storage.getBytes(key("pub.bin"))).isEqualTo(data);
    }

    @Test
    void writing_an_empty_object_stores_zero_bytes() {
        ObjectInfo info = storage.put(key("empty"), Content.empty());
        assertThat(info.size()).isZero();
        assertThat(storage.getBytes(key("empty"))).isEmpty();
        assertThat(storage.stat(key("empty")).size()).isZero();
        assertThat(storage.exists(key("empty"))).isTrue();
        assertThat(listKeys(prefix)).containsExactly(key("empty"));
    }

    @Test
    void writing_an_empty_stream_of_unknown_length_stores_an_empty_object() {
        storage.put(key("empty-stream"), Content.of(InputStream.nullInputStream()));
        storage.put(key("empty-publisher"), Content.of(ContractSources.publisherOf(new byte[0], 10), -1));
        assertThat(storage.stat(key("empty-stream")).size()).isZero();
        assertThat(storage.getBytes(key("empty-publisher"))).isEmpty();
    }

    @Test
    void a_large_object_streams_in_and_out_intact() throws IOException {
        long size = 20L << 20;
        long seed = 20;
        ObjectInfo info = storage.put(key("large.bin"), Content.of(TestBytes.stream(size, seed)));
        assertThat(info.size()).isEqualTo(size);
        assertThat(storage.stat(key("large.bin")).size()).isEqualTo(size);
        assertThat(TestBytes.sha256(storage.open(key("large.bin")))).isEqualTo(TestBytes.sha256(TestBytes.stream(size, seed)));
    }

    @Test
    void writing_over_an_existing_key_replaces_the_object() {
        storage.put(key("over.txt"), Content.of("first version, longer"));
        storage.put(key("over.txt"), Content.of("second"));
        assertThat(storage.getString(key("over.txt"))).isEqualTo("second");
        assertThat(storage.stat(key("over.txt")).size()).isEqualTo(6);
    }

    @Test
    void unicode_and_punctuation_keys_round_trip_byte_for_byte() {
        List<String> names = List.of("emoji 😀🎉.txt", "中文/日本語のファイル.txt", "한국어", "cafe\u0301.txt", "caf\u00e9.txt",
                "with space/a b.txt", "plus+sign", "percent%20literal", "hash#tag", "question?mark", "amp&eq=semi;colon",
                "quote'dq\"", "tilde~bang!star*", "brackets[]{}()", "colon:at@dollar$", "comma,caret^pipe|",
                "א-עברית", "zero\u200bwidth", " leading space", "trailing space ", "-dash", "UPPER.lower");
        Set<String> keys = new HashSet<>();
        for (String name : names) {
            String k = key("u/" + name);
            keys.add(k);
            storage.put(k, Content.of(name));
        }
        for (String k : keys) {
            assertThat(storage.getString(k)).as(k).isEqualTo(k.substring(key("u/").length()));
            assertThat(storage.stat(k).key()).isEqualTo(k);
        }
        assertThat(listKeys(key("u/"))).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(storage.getString(key("u/cafe\u0301.txt"))).isNotEqualTo(storage.getString(key("u/caf\u00e9.txt")));
    }

    @Test
    void a_key_of_the_maximum_length_is_accepted() {
        StringBuilder b = new StringBuilder(prefix);
        while (b.length() < 1024 - 101) {
            b.append("s".repeat(100)).append('/');
        }
        b.append("k".repeat(1024 - b.length()));
        String longKey = b.toString();
        assertThat(longKey.getBytes(StandardCharsets.UTF_8)).hasSize(1024);
        storage.put(longKey, Content.of("long"));
        assertThat(storage.getString(longKey)).isEqualTo("long");
        assertThat(listKeys(prefix)).containsExactly(longKey);
    }

    @Test
    void a_deeply_nested_key_round_trips() {
        String deep = key("d/".repeat(60) + "leaf.txt");
        storage.put(deep, Content.of("deep"));
        assertThat(storage.getString(deep)).isEqualTo("deep");
        assertThat(listKeys(prefix)).containsExactly(deep);
        assertThat(storage.list(ListRequest.prefix(prefix).folders()).prefixes()).containsExactly(key("d/"));
    }

    @Test
    void writing_a_missing_file_fails_naming_the_key_and_stores_nothing(@TempDir Path dir) {
        Path missing = dir.resolve("does-not-exist.bin");
        assertThatThrownBy(() -> storage.put(key("from-missing-file"), Content.of(missing)))
                .isInstanceOfSatisfying(StorageException.class, e -> {
                    assertThat(e.key()).isEqualTo(key("from-missing-file"));
                    assertThat(e.operation()).isEqualTo(Operation.WRITE);
                });
        assertThat(storage.exists(key("from-missing-file"))).isFalse();
    }

    @Test
    void readers_never_see_a_half_written_object() throws Exception {
        byte[] a = new byte[200_000];
        byte[] b = new byte[300_000];
        Arrays.fill(a, (byte) 'a');
        Arrays.fill(b, (byte) 'b');
        storage.put(key("flip"), Content.of(a));
        AtomicReference<String> torn = new AtomicReference<>();
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger writes = new AtomicInteger();
        CountDownLatch readersStarted = new CountDownLatch(3);
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            readers.add(Thread.ofPlatform().start(() -> {
                int mine = 0;
                readersStarted.countDown();
                // read while the writer runs, and at least a few times each
                while ((writes.get() < 30 || mine < 5) && torn.get() == null) {
                    byte[] got;
                    try {
                        got = storage.getBytes(key("flip"));
                    } catch (RuntimeException e) {
                        torn.set("a read failed while the object was being replaced: " + e);
                        return;
                    }
                    mine++;
                    reads.incrementAndGet();
                    byte expected = got.length == a.length ? (byte) 'a' : (byte) 'b';
                    boolean whole = got.length == a.length || got.length == b.length;
                    for (int i = 0; whole && i < got.length; i++) {
                        whole = got[i] == expected;
                    }
                    if (!whole) {
                        torn.set(got.length + " bytes starting with " + (got.length == 0 ? "nothing" : (char) got[0]));
                    }
                }
            }));
        }
        assertThat(readersStarted.await(30, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 30; i++) {
            storage.put(key("flip"), Content.of(new ByteArrayInputStream(i % 2 == 0 ? b : a)));
            writes.incrementAndGet();
        }
        for (Thread t : readers) {
            t.join(60_000);
        }
        assertThat(torn.get()).as("a torn read").isNull();
        assertThat(reads.get()).isGreaterThanOrEqualTo(15);
    }

    // ---- reads --------------------------------------------------------------------------------

    @Test
    void reading_a_missing_key_throws_object_not_found() {
        assertThatThrownBy(() -> storage.getBytes(key("missing")))
                .isInstanceOfSatisfying(ObjectNotFoundException.class, e -> {
                    assertThat(e.disk()).isEqualTo(storage.name());
                    assertThat(e.key()).isEqualTo(key("missing"));
                    assertThat(e.operation()).isEqualTo(Operation.READ);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains(key("missing")).contains(storage.name());
                });
        assertThatThrownBy(() -> storage.getString(key("missing"))).isInstanceOf(ObjectNotFoundException.class);
        assertThatThrownBy(() -> storage.open(key("missing")).close()).isInstanceOf(ObjectNotFoundException.class);
    }

    @Test
    void stat_of_a_missing_key_throws_object_not_found_naming_the_operation() {
        assertThatThrownBy(() -> storage.stat(key("missing")))
                .isInstanceOfSatisfying(ObjectNotFoundException.class, e -> {
                    assertThat(e.disk()).isEqualTo(storage.name());
                    assertThat(e.key()).isEqualTo(key("missing"));
                    assertThat(e.operation()).isEqualTo(Operation.STAT);
                });
    }

    @Test
    void exists_tells_whether_an_object_is_there() {
        assertThat(storage.exists(key("a"))).isFalse();
        storage.put(key("a/b"), Content.of("x"));
        assertThat(storage.exists(key("a/b"))).isTrue();
        assertThat(storage.exists(key("a"))).as("a folder is not an object").isFalse();
    }

    @Test
    void open_returns_a_stream_that_can_be_read_in_pieces_and_closed_early() throws IOException {
        byte[] data = TestBytes.random(300_000, 7);
        storage.put(key("o.bin"), Content.of(data));
        try (InputStream in = storage.open(key("o.bin"))) {
            assertThat(in.readNBytes(1000)).isEqualTo(Arrays.copyOf(data, 1000));
            assertThat(in.read()).isEqualTo(data[1000] & 0xff);
        }
        try (InputStream in = storage.open(key("o.bin"))) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
    }

    @Test
    void download_writes_the_object_to_a_file_creating_parent_directories(@TempDir Path dir) throws IOException {
        byte[] data = TestBytes.random(150_000, 8);
        storage.put(key("dl.bin"), Content.of(data));
        Path target = dir.resolve("a/b/c/out.bin");
        assertThat(storage.download(key("dl.bin"), target)).isEqualTo(data.length);
        assertThat(Files.readAllBytes(target)).isEqualTo(data);
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertThat(files).as("no temporary files are left").containsExactly(target);
        }
    }

    @Test
    void download_replaces_an_existing_file_and_a_failed_download_keeps_it(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("out.txt");
        Files.writeString(target, "old contents");
        storage.put(key("dl.txt"), Content.of("new contents"));
        storage.download(key("dl.txt"), target);
        assertThat(Files.readString(target)).isEqualTo("new contents");
        assertThatThrownBy(() -> storage.download(key("missing"), target)).isInstanceOf(ObjectNotFoundException.class);
        assertThat(Files.readString(target)).isEqualTo("new contents");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void downloading_an_empty_object_creates_an_empty_file(@TempDir Path dir) throws IOException {
        storage.put(key("empty"), Content.empty());
        Path target = dir.resolve("empty.out");
        assertThat(storage.download(key("empty"), target)).isZero();
        assertThat(Files.size(target)).isZero();
    }

    // ---- ranges ------------------------------------------------------------------------------

    private byte[] readRange(String k, ByteRange range) throws IOException {
        try (InputStream in = storage.open(k, range)) {
            return in.readAllBytes();
        }
    }

    @Test
    void a_range_from_first_to_last_returns_those_bytes_inclusive() throws IOException {
        if (!runsWith(Capability.RANGE_READ)) {
            return;
        }
        byte[] data = TestBytes.random(1000, 9);
        storage.put(key("r.bin"), Content.of(data));
        assertThat(readRange(key("r.bin"), ByteRange.of(100, 199))).isEqualTo(Arrays.copyOfRange(data, 100, 200));
        assertThat(readRange(key("r.bin"), ByteRange.of(0, 0))).isEqualTo(Arrays.copyOf(data, 1));
        assertThat(readRange(key("r.bin"), ByteRange.of(999, 999))).isEqualTo(new byte[] {data[999]});
    }

    @Test
    void a_range_from_an_offset_returns_the_rest_of_the_object() throws IOException {
        if (!runsWith(Capability.RANGE_READ)) {
            return;
        }
        byte[] data = TestBytes.random(1000, 10);
        storage.put(key("r.bin"), Content.of(data));
        assertThat(readRange(key("r.bin"), ByteRange.from(900))).isEqualTo(Arrays.copyOfRange(data, 900, 1000));
        assertThat(readRange(key("r.bin"), ByteRange.from(0))).isEqualTo(data);
    }

    @Test
    void a_suffix_range_returns_the_last_bytes() throws IOException {
        if (!runsWith(Capability.RANGE_READ)) {
            return;
        }
        byte[] data = TestBytes.random(1000, 11);
        storage.put(key("r.bin"), Content.of(data));
        assertThat(readRange(key("r.bin"), ByteRange.suffix(10))).isEqualTo(Arrays.copyOfRange(data, 990, 1000));
    }

    @Test
    void a_range_starting_at_or_past_the_end_yields_no_bytes() throws IOException {
        if (!runsWith(Capability.RANGE_READ)) {
            return;
        }
        storage.put(key("r.bin"), Content.of(TestBytes.random(100, 12)));
        assertThat(readRange(key("r.bin"), ByteRange.from(100))).isEmpty();
        assertThat(readRange(key("r.bin"), ByteRange.of(500, 600))).isEmpty();
        storage.put(key("empty"), Content.empty());
        assertThat(readRange(key("empty"), ByteRange.of(0, 10))).isEmpty();
    }

    @Test
    void a_range_ending_past_the_end_is_cut_at_the_end() throws IOException {
        if (!runsWith(Capability.RANGE_READ)) {
            return;
        }
        byte[] data = TestBytes.random(100, 13);
        storage.put(key("r.bin"), Content.of(data));
        assertThat(readRange(key("r.bin"), ByteRange.of(90, 10_000))).isEqualTo(Arrays.copyOfRange(data, 90, 100));
    }

    @Test
    void a_suffix_longer_than_the_object_yields_the_whole_object() throws IOException {
        if (!runsWith(Capability.RANGE_READ)) {
            return;
        }
        byte[] data = TestBytes.random(100, 14);
        storage.put(key("r.bin"), Content.of(data));
        assertThat(readRange(key("r.bin"), ByteRange.suffix(5000))).isEqualTo(data);
    }

    @Test
    void a_range_of_a_missing_key_throws_object_not_found() {
        if (!runsWith(Capability.RANGE_READ)) {
            return;
        }
        assertThatThrownBy(() -> storage.open(key("missing"), ByteRange.of(0, 9)).close())
                .isInstanceOf(ObjectNotFoundException.class);
    }

    // ---- stat --------------------------------------------------------------------------------

    @Test
    void stat_reports_size_type_etag_and_a_recent_last_modified() {
        Instant before = Instant.now();
        ObjectInfo put = storage.put(key("s.bin"), Content.of(TestBytes.random(1234, 15)),
                PutOptions.builder().contentType("application/x-contract").build());
        ObjectInfo info = storage.stat(key("s.bin"));
        assertThat(info.key()).isEqualTo(key("s.bin"));
        assertThat(info.disk()).isEqualTo(storage.name());
        assertThat(info.size()).isEqualTo(1234);
        assertThat(info.contentType()).isEqualTo("application/x-contract");
        assertThat(info.etag()).isNotBlank().doesNotStartWith("\"").doesNotStartWith("W/");
        assertThat(put.etag()).isEqualTo(info.etag());
        assertThat(info.lastModified()).isNotNull();
        assertThat(info.lastModified()).isCloseTo(before, within(Duration.ofMinutes(2).toMillis(), ChronoUnit.MILLIS));
    }

    @Test
    void the_etag_changes_when_the_content_changes() {
        String first = storage.put(key("e"), Content.of("one")).etag();
        String second = storage.put(key("e"), Content.of("two")).etag();
        assertThat(first).isNotNull();
        assertThat(second).isNotEqualTo(first);
        assertThat(storage.stat(key("e")).etag()).isEqualTo(second);
    }

    @Test
    void the_content_type_is_detected_from_the_extension_when_not_given() {
        storage.put(key("page.html"), Content.of("<p>hi</p>"));
        storage.put(key("data.json"), Content.of("{}"));
        storage.put(key("PHOTO.PNG"), Content.of(new byte[] {1, 2, 3}));
        assertThat(storage.stat(key("page.html")).contentType()).startsWith("text/html");
        assertThat(storage.stat(key("data.json")).contentType()).isEqualTo("application/json");
        assertThat(storage.stat(key("PHOTO.PNG")).contentType()).isEqualTo("image/png");
    }

    @Test
    void the_content_type_is_detected_from_magic_bytes_when_the_key_has_no_extension() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R', 1, 2};
        byte[] pdf = utf8("%PDF-1.7\n%âãÏÓ\n1 0 obj\n");
        storage.put(key("image"), Content.of(png));
        storage.put(key("doc"), Content.of(new ByteArrayInputStream(pdf)));
        storage.put(key("noise"), Content.of(new byte[] {1, 2, 3, 4}));
        assertThat(storage.stat(key("image")).contentType()).isEqualTo("image/png");
        assertThat(storage.stat(key("doc")).contentType()).isEqualTo("application/pdf");
        assertThat(storage.getBytes(key("doc"))).as("sniffing keeps every byte").isEqualTo(pdf);
        assertThat(storage.stat(key("noise")).contentType()).isEqualTo(ObjectInfo.OCTET_STREAM);
    }

    @Test
    void an_explicit_content_type_wins_over_detection() {
        storage.put(key("x.json"), Content.of("a,b"), PutOptions.builder().contentType("text/csv").build());
        assertThat(storage.stat(key("x.json")).contentType()).isEqualTo("text/csv");
    }

    @Test
    void overwriting_an_object_replaces_its_content_type() {
        storage.put(key("t"), Content.of("a"), PutOptions.builder().contentType("text/plain").build());
        storage.put(key("t"), Content.of("b"), PutOptions.builder().contentType("application/x-other").build());
        assertThat(storage.stat(key("t")).contentType()).isEqualTo("application/x-other");
    }

    @Test
    void stored_checksums_equal_the_crc32c_of_the_bytes() {
        byte[] data = TestBytes.random(50_000, 16);
        ObjectInfo written = storage.put(key("c.bin"), Content.of(data));
        String expected = TestBytes.crc32c(data);
        String stored = storage.stat(key("c.bin")).checksum(ChecksumAlgorithm.CRC32C);
        if (has(Capability.CHECKSUMS)) {
            assertThat(stored).isEqualTo(expected);
        } else {
            assertThat(stored).as("a checksum reported without the CHECKSUMS capability is still right").isIn(null, expected);
        }
        assertThat(written.checksum(ChecksumAlgorithm.CRC32C)).isIn(null, expected);
    }

    @Test
    void checksums_are_recorded_for_streamed_and_empty_content() {
        byte[] data = TestBytes.random(300_000, 17);
        storage.put(key("streamed"), Content.of(new ByteArrayInputStream(data)));
        storage.put(key("empty"), Content.empty());
        String streamed = storage.stat(key("streamed")).checksum(ChecksumAlgorithm.CRC32C);
        String empty = storage.stat(key("empty")).checksum(ChecksumAlgorithm.CRC32C);
        if (has(Capability.CHECKSUMS)) {
            assertThat(streamed).isEqualTo(TestBytes.crc32c(data));
            assertThat(empty).isEqualTo(TestBytes.crc32c(new byte[0]));
        } else {
            assertThat(streamed).isIn(null, TestBytes.crc32c(data));
            assertThat(empty).isIn(null, TestBytes.crc32c(new byte[0]));
        }
    }

    @Test
    void user_metadata_is_returned_by_stat() {
        if (!runsWith(Capability.METADATA)) {
            return;
        }
        storage.put(key("m.txt"), Content.of("x"),
                PutOptions.builder().metadata(Map.of("owner", "alice", "case_id", "42", "note", "a b=c; d")).build());
        assertThat(storage.stat(key("m.txt")).metadata()).containsExactlyInAnyOrderEntriesOf(
                Map.of("owner", "alice", "case_id", "42", "note", "a b=c; d"));
    }

    @Test
    void overwriting_an_object_replaces_its_metadata() {
        if (!runsWith(Capability.METADATA)) {
            return;
        }
        storage.put(key("m.txt"), Content.of("x"), PutOptions.builder().metadata("old", "1").build());
        storage.put(key("m.txt"), Content.of("y"), PutOptions.builder().metadata("new", "2").build());
        assertThat(storage.stat(key("m.txt")).metadata()).containsExactlyInAnyOrderEntriesOf(Map.of("new", "2"));
    }

    @Test
    void content_disposition_and_cache_control_round_trip() {
        storage.put(key("h.pdf"), Content.of("%PDF-"), PutOptions.builder()
                .contentDisposition("attachment; filename=\"report.pdf\"").cacheControl("public, max-age=3600").build());
        ObjectInfo info = storage.stat(key("h.pdf"));
        assertThat(info.contentDisposition()).isEqualTo("attachment; filename=\"report.pdf\"");
        assertThat(info.cacheControl()).isEqualTo("public, max-age=3600");
    }

    @Test
    void tags_are_stored_and_returned() {
        if (!runsWith(Capability.TAGS)) {
            return;
        }
        storage.put(key("t.txt"), Content.of("x"), PutOptions.builder().tag("project", "apollo").tag("stage", "draft 1").build());
        assertThat(storage.tags(key("t.txt"))).containsExactlyInAnyOrderEntriesOf(
                Map.of("project", "apollo", "stage", "draft 1"));
        storage.put(key("plain.txt"), Content.of("x"));
        assertThat(storage.tags(key("plain.txt"))).isEmpty();
    }

    @Test
    void the_tags_of_a_missing_key_throw_object_not_found() {
        if (!runsWith(Capability.TAGS)) {
            return;
        }
        assertThatThrownBy(() -> storage.tags(key("missing"))).isInstanceOf(ObjectNotFoundException.class);
    }

    @Test
    void objects_can_be_found_by_their_tags() {
        if (!runsWith(Capability.TAG_SEARCH)) {
            return;
        }
        String run = UUID.randomUUID().toString().replace("-", "");
        storage.put(key("f1"), Content.of("x"), PutOptions.builder().tag("contract_run", run).build());
        storage.put(key("f2"), Content.of("x"), PutOptions.builder().tag("contract_run", run + "x").build());
        assertThat(storage.findByTags("\"contract_run\" = '" + run + "'"))
                .extracting(ObjectInfo::key).containsExactly(key("f1"));
    }

    // ---- listing -----------------------------------------------------------------------------

    @Test
    void listing_a_prefix_returns_every_key_under_it_in_order() {
        List<String> keys = List.of(key("b"), key("a/1"), key("a/2"), key("c/d/e"));
        keys.forEach(k -> storage.put(k, Content.of(k)));
        assertThat(listKeys(prefix)).containsExactly(key("a/1"), key("a/2"), key("b"), key("c/d/e"));
    }

    @Test
    void listing_entries_carry_size_etag_and_last_modified() {
        ObjectInfo put = storage.put(key("l.bin"), Content.of(TestBytes.random(321, 18)));
        ObjectInfo listed = storage.list(ListRequest.prefix(prefix)).objects().get(0);
        assertThat(listed.key()).isEqualTo(key("l.bin"));
        assertThat(listed.size()).isEqualTo(321);
        assertThat(listed.etag()).isEqualTo(put.etag());
        assertThat(listed.lastModified()).isNotNull();
    }

    @Test
    void a_prefix_need_not_end_at_a_slash() {
        List.of(key("photo"), key("photo.png"), key("photos/1"), key("phone"), key("pho")).forEach(
                k -> storage.put(k, Content.of("x")));
        assertThat(listKeys(key("photo"))).containsExactly(key("photo"), key("photo.png"), key("photos/1"));
        assertThat(storage.list(ListRequest.prefix(key("photo")).folders()).prefixes()).containsExactly(key("photos/"));
    }

    @Test
    void listing_with_a_delimiter_rolls_keys_up_into_common_prefixes() {
        List.of(key("top.txt"), key("dir/a"), key("dir/b"), key("dir/sub/c"), key("other/x/y"), key("zz"))
                .forEach(k -> storage.put(k, Content.of("1")));
        Page page = storage.list(ListRequest.prefix(prefix).folders());
        assertThat(page.objects()).extracting(ObjectInfo::key).containsExactly(key("top.txt"), key("zz"));
        assertThat(page.prefixes()).containsExactly(key("dir/"), key("other/"));
        assertThat(page.hasMore()).isFalse();
        Page inner = storage.list(ListRequest.prefix(key("dir/")).folders());
        assertThat(inner.objects()).extracting(ObjectInfo::key).containsExactly(key("dir/a"), key("dir/b"));
        assertThat(inner.prefixes()).containsExactly(key("dir/sub/"));
    }

    @Test
    void listing_an_empty_prefix_returns_nothing() {
        Page page = storage.list(ListRequest.prefix(key("nothing-here/")));
        assertThat(page.objects()).isEmpty();
        assertThat(page.prefixes()).isEmpty();
        assertThat(page.hasMore()).isFalse();
        assertThat(listKeys(key("nothing-here/"))).isEmpty();
        assertThat(storage.list(ListRequest.prefix(key("nothing-here/")).folders()).prefixes()).isEmpty();
    }

    @Test
    void paging_with_a_limit_and_cursor_visits_every_key_once() {
        List<String> expected = new ArrayList<>();
        List<CompletableFuture<ObjectInfo>> puts = new ArrayList<>();
        for (int i = 0; i < 53; i++) {
            String k = key(String.format("p/%03d", i));
            expected.add(k);
            puts.add(storage.async().put(k, Content.of(Integer.toString(i))));
        }
        CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new)).join();
        for (int limit : new int[] {1, 7, 53, 1000}) {
            List<String> seen = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                Page page = storage.list(ListRequest.prefix(key("p/")).limit(limit).after(cursor));
                assertThat(page.objects().size()).isLessThanOrEqualTo(limit);
                page.objects().forEach(o -> seen.add(o.key()));
                cursor = page.nextCursor();
                pages++;
            } while (cursor != null && pages < 200);
            assertThat(seen).as("limit %d", limit).containsExactlyElementsOf(expected);
            assertThat(pages).as("pages at limit %d", limit).isBetween((53 + limit - 1) / limit, (53 + limit - 1) / limit + 1);
        }
    }

    @Test
    void paging_with_a_delimiter_skips_a_common_prefix_named_by_the_cursor() {
        List.of("a", "b/1", "b/2", "b/3", "c", "d/1", "d/2/x", "e").forEach(n -> storage.put(key("q/" + n), Content.of(n)));
        for (int limit : new int[] {1, 2, 3}) {
            List<String> seen = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                Page page = storage.list(ListRequest.prefix(key("q/")).folders().limit(limit).after(cursor));
                assertThat(page.objects().size() + page.prefixes().size()).isLessThanOrEqualTo(limit);
                page.objects().forEach(o -> seen.add(o.key()));
                seen.addAll(page.prefixes());
                cursor = page.nextCursor();
                pages++;
            } while (cursor != null && pages < 50);
            assertThat(seen).as("limit %d", limit).containsExactlyInAnyOrder(
                    key("q/a"), key("q/b/"), key("q/c"), key("q/d/"), key("q/e"));
        }
    }

    @Test
    void keys_are_listed_in_utf8_byte_order() {
        // UTF-8 order: z < é < U+FF21 (EF BC A1) < U+1F600 (F0 9F 98 80); Java's String order puts the emoji before U+FF21.
        List<String> expected = List.of(key("o/Z"), key("o/z"), key("o/\u00e9"), key("o/\uFF21"), key("o/\uFF21\uD83D\uDE00"),
                key("o/\uD83D\uDE00"), key("o/\uD83D\uDE00\uD83D\uDE00/x"));
        List<String> shuffled = new ArrayList<>(expected);
        Collections.shuffle(shuffled);
        shuffled.forEach(k -> storage.put(k, Content.of("x")));
        assertThat(listKeys(key("o/"))).containsExactlyElementsOf(expected);
        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            Page page = storage.list(ListRequest.prefix(key("o/")).limit(1).after(cursor));
            page.objects().forEach(o -> paged.add(o.key()));
            cursor = page.nextCursor();
        } while (cursor != null && paged.size() < 20);
        assertThat(paged).containsExactlyElementsOf(expected);
    }

    @Test
    void the_listing_stream_fetches_page_after_page_as_it_is_consumed() {
        int count = 1100;
        List<CompletableFuture<ObjectInfo>> puts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            puts.add(storage.async().put(key(String.format("many/%05d", i)), Content.of(new byte[] {(byte) i})));
        }
        CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new)).join();
        List<String> seen = new ArrayList<>();
        try (Stream<ObjectInfo> s = storage.list(key("many/"))) {
            Iterator<ObjectInfo> it = s.iterator();
            for (int i = 0; i < 10; i++) {
                seen.add(it.next().key());
            }
            // written after the first page was fetched: a lazy listing still sees it on a later page
            storage.put(key("many/99999-late"), Content.of("late"));
            it.forEachRemaining(o -> seen.add(o.key()));
        }
        assertThat(seen).hasSize(count + 1).doesNotHaveDuplicates();
        assertThat(seen.get(count)).isEqualTo(key("many/99999-late"));
        assertThat(seen).isSortedAccordingTo(String::compareTo);
        try (Stream<ObjectInfo> s = storage.list(key("many/"))) {
            assertThat(s.limit(3).map(ObjectInfo::key)).containsExactly(key("many/00000"), key("many/00001"), key("many/00002"));
        }
        assertThat(storage.deletePrefix(key("many/"))).as("deleted across pages").isEqualTo(count + 1);
        assertThat(listKeys(key("many/"))).isEmpty();
    }

    @Test
    void an_invalid_prefix_is_refused() {
        assertThatThrownBy(() -> storage.list(ListRequest.prefix("/abs/"))).isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> storage.list(prefix + "../")).isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> storage.deletePrefix(prefix + "a//")).isInstanceOf(InvalidKeyException.class);
    }

    // ---- copy, move, delete -----------------------------------------------------------------

    @Test
    void copy_duplicates_bytes_type_and_metadata() {
        PutOptions.Builder options = PutOptions.builder().contentType("text/x-contract")
                .cacheControl("no-cache").contentDisposition("inline");
        if (has(Capability.METADATA)) {
            options.metadata("owner", "bob");
        }
        storage.put(key("src"), Content.of("copy me"), options.build());
        ObjectInfo copied = storage.copy(key("src"), key("dst"));
        assertThat(copied.key()).isEqualTo(key("dst"));
        assertThat(storage.getString(key("dst"))).isEqualTo("copy me");
        ObjectInfo info = storage.stat(key("dst"));
        assertThat(info.contentType()).isEqualTo("text/x-contract");
        assertThat(info.cacheControl()).isEqualTo("no-cache");
        assertThat(info.contentDisposition()).isEqualTo("inline");
        if (has(Capability.METADATA)) {
            assertThat(info.metadata()).containsEntry("owner", "bob");
        }
        assertThat(storage.getString(key("src"))).isEqualTo("copy me");
    }

    @Test
    void copy_overwrites_the_target() {
        storage.put(key("src"), Content.of("new"));
        storage.put(key("dst.txt"), Content.of("old and longer"));
        storage.copy(key("src"), key("dst.txt"));
        assertThat(storage.getString(key("dst.txt"))).isEqualTo("new");
        assertThat(storage.stat(key("dst.txt")).size()).isEqualTo(3);
    }

    @Test
    void copying_a_missing_source_throws_object_not_found() {
        storage.put(key("dst"), Content.of("keep"));
        assertThatThrownBy(() -> storage.copy(key("missing"), key("dst")))
                .isInstanceOfSatisfying(ObjectNotFoundException.class, e -> assertThat(e.key()).isEqualTo(key("missing")));
        assertThat(storage.getString(key("dst"))).isEqualTo("keep");
        assertThatThrownBy(() -> storage.copy(key("missing"), key("other"))).isInstanceOf(ObjectNotFoundException.class);
        assertThat(storage.exists(key("other"))).isFalse();
    }

    @Test
    void copying_a_key_onto_itself_keeps_the_object() {
        storage.put(key("self"), Content.of("me"));
        storage.copy(key("self"), key("self"));
        assertThat(storage.getString(key("self"))).isEqualTo("me");
    }

    @Test
    void copying_or_moving_to_an_invalid_key_is_refused_and_keeps_the_source() {
        storage.put(key("src"), Content.of("x"));
        assertThatThrownBy(() -> storage.copy(key("src"), key("../out"))).isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> storage.move(key("src"), "/abs")).isInstanceOf(InvalidKeyException.class);
        assertThat(storage.getString(key("src"))).isEqualTo("x");
        assertThat(listKeys(prefix)).containsExactly(key("src"));
    }

    @Test
    void moving_a_key_onto_itself_keeps_the_object() {
        storage.put(key("self"), Content.of("me"));
        storage.move(key("self"), key("self"));
        assertThat(storage.getString(key("self"))).isEqualTo("me");
    }

    @Test
    void a_folder_disappears_from_listings_when_its_last_object_goes() {
        storage.put(key("f/one/a"), Content.of("x"));
        storage.put(key("f/two/b"), Content.of("x"));
        storage.put(key("f/three/deep/c"), Content.of("x"));
        storage.move(key("f/one/a"), key("f/a"));
        storage.delete(key("f/two/b"));
        storage.deletePrefix(key("f/three/"));
        Page page = storage.list(ListRequest.prefix(key("f/")).folders());
        assertThat(page.prefixes()).isEmpty();
        assertThat(page.objects()).extracting(ObjectInfo::key).containsExactly(key("f/a"));
    }

    @Test
    void move_leaves_the_target_and_removes_the_source() {
        PutOptions.Builder options = PutOptions.builder().contentType("text/x-moved");
        if (has(Capability.METADATA)) {
            options.metadata("k", "v");
        }
        storage.put(key("from"), Content.of("moving"), options.build());
        storage.put(key("to/x"), Content.of("old"));
        storage.move(key("from"), key("to/x"));
        assertThat(storage.getString(key("to/x"))).isEqualTo("moving");
        assertThat(storage.stat(key("to/x")).contentType()).isEqualTo("text/x-moved");
        if (has(Capability.METADATA)) {
            assertThat(storage.stat(key("to/x")).metadata()).containsEntry("k", "v");
        }
        assertThat(storage.exists(key("from"))).isFalse();
        assertThat(listKeys(prefix)).containsExactly(key("to/x"));
    }

    @Test
    void moving_a_missing_source_throws_object_not_found() {
        assertThatThrownBy(() -> storage.move(key("missing"), key("to"))).isInstanceOf(ObjectNotFoundException.class);
        assertThat(storage.exists(key("to"))).isFalse();
    }

    @Test
    void delete_returns_whether_the_object_existed() {
        storage.put(key("d"), Content.of("x"));
        assertThat(storage.delete(key("d"))).isTrue();
        assertThat(storage.exists(key("d"))).isFalse();
        assertThat(storage.delete(key("d"))).isFalse();
        assertThat(storage.delete(key("never/was"))).isFalse();
    }

    @Test
    void deleting_a_key_leaves_its_neighbours_alone() {
        List.of(key("n/a"), key("n/b/a"), key("n/ab"), key("n/a.txt")).forEach(k -> storage.put(k, Content.of("x")));
        assertThat(storage.delete(key("n/a"))).isTrue();
        assertThat(listKeys(key("n/"))).containsExactly(key("n/a.txt"), key("n/ab"), key("n/b/a"));
    }

    @Test
    void delete_all_removes_the_keys_and_ignores_missing_ones() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            keys.add(key("da/" + i));
            storage.put(key("da/" + i), Content.of("x"));
        }
        storage.put(key("da-keep"), Content.of("x"));
        List<String> toDelete = new ArrayList<>(keys);
        toDelete.add(key("da/missing-1"));
        toDelete.add(key("da/missing-2"));
        toDelete.add(keys.get(0));
        storage.deleteAll(toDelete);
        assertThat(listKeys(prefix)).containsExactly(key("da-keep"));
        storage.deleteAll(List.of());
        storage.deleteAll(List.of(key("da/missing-3")));
        assertThat(listKeys(prefix)).containsExactly(key("da-keep"));
    }

    @Test
    void delete_prefix_removes_everything_under_it_and_counts() {
        for (int i = 0; i < 12; i++) {
            storage.put(key("tmp/" + i), Content.of("x"));
        }
        storage.put(key("tmp/deep/er/x"), Content.of("x"));
        storage.put(key("tmp-sibling"), Content.of("x"));
        storage.put(key("keep"), Content.of("x"));
        assertThat(storage.deletePrefix(key("tmp/"))).isEqualTo(13);
        assertThat(listKeys(prefix)).containsExactly(key("keep"), key("tmp-sibling"));
        assertThat(storage.deletePrefix(key("tmp/"))).isZero();
    }

    // ---- conditional writes -------------------------------------------------------------------

    @Test
    void writing_with_if_none_match_succeeds_when_the_key_is_absent() {
        if (!runsWith(Capability.CONDITIONAL_CREATE)) {
            return;
        }
        ObjectInfo info = storage.put(key("new"), Content.of("created"), PutOptions.builder().ifNoneMatch().build());
        assertThat(info.size()).isEqualTo(7);
        assertThat(storage.getString(key("new"))).isEqualTo("created");
    }

    @Test
    void writing_with_if_none_match_fails_when_the_key_exists() {
        if (!runsWith(Capability.CONDITIONAL_CREATE)) {
            return;
        }
        PutOptions createOnly = PutOptions.builder().ifNoneMatch().build();
        storage.put(key("once"), Content.of("first"), createOnly);
        assertThatThrownBy(() -> storage.put(key("once"), Content.of("second"), createOnly))
                .isInstanceOfSatisfying(ObjectAlreadyExistsException.class, e -> {
                    assertThat(e.key()).isEqualTo(key("once"));
                    assertThat(e.operation()).isEqualTo(Operation.WRITE);
                });
        assertThat(storage.getString(key("once"))).isEqualTo("first");
    }

    @Test
    void a_deleted_key_can_be_created_again_with_if_none_match() {
        if (!runsWith(Capability.CONDITIONAL_CREATE)) {
            return;
        }
        PutOptions createOnly = PutOptions.builder().ifNoneMatch().build();
        storage.put(key("again"), Content.of("one"), createOnly);
        assertThat(storage.delete(key("again"))).isTrue();
        storage.put(key("again"), Content.of("two"), createOnly);
        assertThat(storage.getString(key("again"))).isEqualTo("two");
    }

    @Test
    void writing_with_a_fresh_if_match_replaces_the_object() {
        if (!runsWith(Capability.CONDITIONAL_UPDATE)) {
            return;
        }
        ObjectInfo first = storage.put(key("cas"), Content.of("v1"));
        ObjectInfo second = storage.put(key("cas"), Content.of("v2"), PutOptions.builder().ifMatch(first.etag()).build());
        assertThat(storage.getString(key("cas"))).isEqualTo("v2");
        assertThat(second.etag()).isNotEqualTo(first.etag());
    }

    @Test
    void writing_with_a_stale_if_match_fails_and_keeps_the_object() {
        if (!runsWith(Capability.CONDITIONAL_UPDATE)) {
            return;
        }
        ObjectInfo first = storage.put(key("cas"), Content.of("v1"));
        storage.put(key("cas"), Content.of("v2"), PutOptions.builder().ifMatch(first.etag()).build());
        assertThatThrownBy(() -> storage.put(key("cas"), Content.of("v3"), PutOptions.builder().ifMatch(first.etag()).build()))
                .isInstanceOf(PreconditionFailedException.class);
        assertThat(storage.getString(key("cas"))).isEqualTo("v2");
    }

    @Test
    void the_etag_from_stat_or_a_listing_works_with_if_match() {
        if (!runsWith(Capability.CONDITIONAL_UPDATE)) {
            return;
        }
        storage.put(key("e"), Content.of("v1"));
        String fromStat = storage.stat(key("e")).etag();
        String fromList = storage.list(ListRequest.prefix(key("e"))).objects().get(0).etag();
        assertThat(fromList).isEqualTo(fromStat);
        storage.put(key("e"), Content.of("v2"), PutOptions.builder().ifMatch(fromList).build());
        assertThat(storage.getString(key("e"))).isEqualTo("v2");
    }

    @Test
    void a_failed_create_only_write_leaves_the_key_free() {
        if (!runsWith(Capability.CONDITIONAL_CREATE)) {
            return;
        }
        assertThatThrownBy(() -> storage.put(key("c"), Content.of(ContractSources.failingAfter(10_000)), PutOptions.builder().ifNoneMatch().build()))
                .isInstanceOf(StorageException.class).isNotInstanceOf(ObjectAlreadyExistsException.class);
        assertThat(storage.exists(key("c"))).isFalse();
        storage.put(key("c"), Content.of("second try"), PutOptions.builder().ifNoneMatch().build());
        assertThat(storage.getString(key("c"))).isEqualTo("second try");
    }

    @Test
    void a_quoted_etag_is_accepted_by_if_match() {
        if (!runsWith(Capability.CONDITIONAL_UPDATE)) {
            return;
        }
        ObjectInfo first = storage.put(key("q"), Content.of("v1"));
        storage.put(key("q"), Content.of("v2"), PutOptions.builder().ifMatch('"' + first.etag() + '"').build());
        assertThat(storage.getString(key("q"))).isEqualTo("v2");
    }

    @Test
    void writing_with_if_match_to_a_missing_key_fails() {
        if (!runsWith(Capability.CONDITIONAL_UPDATE)) {
            return;
        }
        assertThatThrownBy(() -> storage.put(key("absent"), Content.of("v"), PutOptions.builder().ifMatch("abc123").build()))
                .isInstanceOf(PreconditionFailedException.class);
        assertThat(storage.exists(key("absent"))).isFalse();
    }

    @Test
    void of_many_racing_create_only_writes_exactly_one_wins() throws Exception {
        if (!runsWith(Capability.CONDITIONAL_CREATE)) {
            return;
        }
        int threads = 24;
        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<String> winners = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        AtomicInteger losers = new AtomicInteger();
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            String body = "writer-" + i;
            started.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    storage.put(key("race"), Content.of(body), PutOptions.builder().ifNoneMatch().build());
                    winners.add(body);
                } catch (ObjectAlreadyExistsException e) {
                    losers.incrementAndGet();
                } catch (Throwable t) {
                    unexpected.add(t);
                }
            }));
        }
        start.countDown();
        for (Thread t : started) {
            t.join(60_000);
        }
        assertThat(unexpected).isEmpty();
        assertThat(winners).hasSize(1);
        assertThat(losers.get()).isEqualTo(threads - 1);
        assertThat(storage.getString(key("race"))).isEqualTo(winners.peek());
    }

    @Test
    void of_many_racing_compare_and_swap_writes_exactly_one_wins() throws Exception {
        if (!runsWith(Capability.CONDITIONAL_UPDATE)) {
            return;
        }
        String etag = storage.put(key("cas-race"), Content.of("start")).etag();
        int threads = 16;
        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<String> winners = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            String body = "writer-" + i;
            started.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    storage.put(key("cas-race"), Content.of(body), PutOptions.builder().ifMatch(etag).build());
                    winners.add(body);
                } catch (PreconditionFailedException e) {
                    // lost the race, as all but one must
                } catch (Throwable t) {
                    unexpected.add(t);
                }
            }));
        }
        start.countDown();
        for (Thread t : started) {
            t.join(60_000);
        }
        assertThat(unexpected).isEmpty();
        assertThat(winners).hasSize(1);
        assertThat(storage.getString(key("cas-race"))).isEqualTo(winners.peek());
    }

    // ---- size limits and failing sources --------------------------------------------------------

    @Test
    void content_of_known_length_over_the_maximum_is_refused_before_reading() {
        AtomicLong read = new AtomicLong();
        InputStream source = new ByteArrayInputStream(new byte[1000]) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                int n = super.read(b, off, len);
                read.addAndGet(Math.max(0, n));
                return n;
            }
        };
        assertThatThrownBy(() -> storage.put(key("big"), Content.of(source, 1000), PutOptions.builder().maxSize(999).build()))
                .isInstanceOfSatisfying(ContentTooLargeException.class, e -> assertThat(e.key()).isEqualTo(key("big")));
        assertThat(read.get()).as("bytes read from the source").isZero();
        assertThat(storage.exists(key("big"))).isFalse();
        storage.put(key("fits"), Content.of(new byte[999]), PutOptions.builder().maxSize(999).build());
        assertThat(storage.stat(key("fits")).size()).isEqualTo(999);
    }

    @Test
    void a_stream_of_unknown_length_over_the_maximum_stores_nothing() {
        assertThatThrownBy(() -> storage.put(key("big"), Content.of(TestBytes.stream(300_000, 21)),
                PutOptions.builder().maxSize(100_000).build()))
                .isInstanceOf(ContentTooLargeException.class);
        assertThat(storage.exists(key("big"))).isFalse();
        assertThat(listKeys(prefix)).isEmpty();
    }

    @Test
    void a_refused_oversized_write_leaves_the_previous_object_intact() {
        storage.put(key("keep.txt"), Content.of("previous"));
        assertThatThrownBy(() -> storage.put(key("keep.txt"), Content.of(TestBytes.stream(300_000, 22)),
                PutOptions.builder().maxSize(1000).build()))
                .isInstanceOf(ContentTooLargeException.class);
        assertThat(storage.getString(key("keep.txt"))).isEqualTo("previous");
        assertThat(listKeys(prefix)).containsExactly(key("keep.txt"));
    }

    @Test
    void a_file_over_the_maximum_is_refused(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("big.bin");
        Files.write(file, new byte[5000]);
        assertThatThrownBy(() -> storage.put(key("big"), Content.of(file), PutOptions.builder().maxSize(4999).build()))
                .isInstanceOf(ContentTooLargeException.class);
        assertThatThrownBy(() -> storage.put(key("big"), Content.of(new byte[5000]), PutOptions.builder().maxSize(10).build()))
                .isInstanceOf(ContentTooLargeException.class);
        assertThat(storage.exists(key("big"))).isFalse();
    }

    @Test
    void a_source_that_fails_mid_write_stores_nothing() {
        assertThatThrownBy(() -> storage.put(key("broken"), Content.of(ContractSources.failingAfter(100_000))))
                .isInstanceOfSatisfying(StorageException.class, e -> {
                    assertThat(e.key()).isEqualTo(key("broken"));
                    assertThat(e.operation()).isEqualTo(Operation.WRITE);
                });
        assertThat(storage.exists(key("broken"))).isFalse();
        assertThat(listKeys(prefix)).isEmpty();
    }

    @Test
    void a_source_that_fails_mid_write_leaves_the_previous_version_intact() {
        storage.put(key("v.txt"), Content.of("version one"));
        assertThatThrownBy(() -> storage.put(key("v.txt"), Content.of(ContractSources.failingAfter(70_000), 200_000)))
                .isInstanceOf(StorageException.class);
        assertThat(storage.getString(key("v.txt"))).isEqualTo("version one");
        assertThat(listKeys(prefix)).containsExactly(key("v.txt"));
    }

    @Test
    void a_stream_shorter_than_its_declared_length_stores_nothing() {
        assertThatThrownBy(() -> storage.put(key("short"), Content.of(new ByteArrayInputStream(new byte[50]), 100)))
                .isInstanceOf(StorageException.class);
        assertThat(storage.exists(key("short"))).isFalse();
    }

    @Test
    void a_stream_longer_than_its_declared_length_stores_nothing() {
        storage.put(key("long"), Content.of("previous"));
        assertThatThrownBy(() -> storage.put(key("long"), Content.of(new ByteArrayInputStream(new byte[150]), 100)))
                .isInstanceOf(StorageException.class);
        assertThat(storage.getString(key("long"))).isEqualTo("previous");
    }

    @Test
    void the_progress_listener_is_told_of_every_byte_up_to_the_total() {
        CopyOnWriteArrayList<long[]> events = new CopyOnWriteArrayList<>();
        byte[] data = TestBytes.random(300_000, 23);
        storage.put(key("p.bin"), Content.of(new ByteArrayInputStream(data), data.length),
                PutOptions.builder().progress((done, total) -> events.add(new long[] {done, total})).build());
        assertThat(events).isNotEmpty();
        assertThat(events.get(events.size() - 1)).containsExactly(data.length, data.length);
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i)[0]).isGreaterThanOrEqualTo(events.get(i - 1)[0]);
        }
        CopyOnWriteArrayList<long[]> unknown = new CopyOnWriteArrayList<>();
        storage.put(key("u.bin"), Content.of(new ByteArrayInputStream(data)),
                PutOptions.builder().progress((done, total) -> unknown.add(new long[] {done, total})).build());
        assertThat(unknown.get(unknown.size() - 1)).containsExactly(data.length, -1);
        AtomicLong fromBytes = new AtomicLong();
        storage.put(key("b.bin"), Content.of(data), PutOptions.builder().progress((done, total) -> fromBytes.set(done)).build());
        assertThat(fromBytes.get()).isEqualTo(data.length);
    }

    // ---- keys and errors ----------------------------------------------------------------------

    Stream<Arguments> invalidKeys() {
        return Stream.of(
                Arguments.of("/contract-abs/key", "start with '/'"),
                Arguments.of("{p}a/../b", "'..' segment"),
                Arguments.of("{p}..", "'..' segment"),
                Arguments.of("{p}./b", "'.' segment"),
                Arguments.of("{p}a//b", "empty segment"),
                Arguments.of("{p}dir/", "end with '/'"),
                Arguments.of("{p}a\\b", "backslash"),
                Arguments.of("{p}nul\0byte", "NUL"),
                Arguments.of("{p}new\nline", "control characters"),
                Arguments.of("{p}del\u007f", "control characters"),
                Arguments.of("{p}c1\u0085", "control characters"),
                Arguments.of("{p}lone\uD800surrogate", "lone surrogate"),
                Arguments.of("{p}" + "x".repeat(1100), "longer than 1024 bytes"),
                Arguments.of("", "empty"));
    }

    @ParameterizedTest(name = "[{index}] rule: {1}")
    @MethodSource("invalidKeys")
    void an_invalid_key_is_refused_naming_the_rule_it_breaks(String template, String rule) {
        String bad = template.replace("{p}", prefix);
        assertThatThrownBy(() -> storage.put(bad, Content.of("x")))
                .isInstanceOfSatisfying(InvalidKeyException.class, e -> {
                    assertThat(e.reason()).contains(rule);
                    assertThat(e.operation()).isEqualTo(Operation.WRITE);
                    assertThat(e.disk()).isEqualTo(storage.name());
                    assertThat(e.retryable()).isFalse();
                });
        assertThatThrownBy(() -> storage.stat(bad)).isInstanceOfSatisfying(InvalidKeyException.class,
                e -> assertThat(e.operation()).isEqualTo(Operation.STAT));
        assertThatThrownBy(() -> storage.getBytes(bad)).isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> storage.delete(bad)).isInstanceOf(InvalidKeyException.class);
        assertThat(listKeys(prefix)).isEmpty();
    }

    @Test
    void a_null_key_or_content_is_refused() {
        assertThatThrownBy(() -> storage.put(null, Content.of("x"))).isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> storage.put(key("k"), null)).isInstanceOf(NullPointerException.class);
    }

    // ---- async -------------------------------------------------------------------------------

    @Test
    void the_async_api_puts_gets_stats_and_lists() throws Exception {
        var async = storage.async();
        ObjectInfo put = async.put(key("a/1.txt"), Content.of("one")).get(30, TimeUnit.SECONDS);
        async.put(key("a/2.txt"), Content.of("two"), PutOptions.DEFAULTS).get(30, TimeUnit.SECONDS);
        assertThat(put.size()).isEqualTo(3);
        assertThat(async.getString(key("a/1.txt")).get(30, TimeUnit.SECONDS)).isEqualTo("one");
        assertThat(async.getBytes(key("a/2.txt")).get(30, TimeUnit.SECONDS)).isEqualTo(utf8("two"));
        assertThat(async.stat(key("a/1.txt")).get(30, TimeUnit.SECONDS).etag()).isEqualTo(put.etag());
        assertThat(async.exists(key("a/3.txt")).get(30, TimeUnit.SECONDS)).isFalse();
        Page page = async.list(ListRequest.prefix(key("a/"))).get(30, TimeUnit.SECONDS);
        assertThat(page.objects()).extracting(ObjectInfo::key).containsExactly(key("a/1.txt"), key("a/2.txt"));
        async.copy(key("a/1.txt"), key("b/1.txt")).get(30, TimeUnit.SECONDS);
        async.move(key("a/2.txt"), key("b/2.txt")).get(30, TimeUnit.SECONDS);
        assertThat(async.delete(key("a/1.txt")).get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(listKeys(prefix)).containsExactly(key("b/1.txt"), key("b/2.txt"));
        async.deleteAll(List.of(key("b/1.txt"))).get(30, TimeUnit.SECONDS);
        assertThat(async.deletePrefix(key("b/")).get(30, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(async.blocking()).isSameAs(storage);
        if (has(Capability.SIGNED_GET)) {
            assertThat(async.signedUrl(key("x"), SignedUrlOptions.get(Duration.ofMinutes(1))).get(30, TimeUnit.SECONDS)
                    .isAbsolute()).isTrue();
        }
    }

    @Test
    void async_failures_complete_the_future_with_the_storage_exception() {
        CompletableFuture<byte[]> f = storage.async().getBytes(key("missing"));
        assertThatThrownBy(f::join).isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(ObjectNotFoundException.class, e -> assertThat(e.key()).isEqualTo(key("missing")));
        assertThatThrownBy(() -> storage.async().put("/bad", Content.of("x")).get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(InvalidKeyException.class);
    }

    @Test
    void async_download_writes_the_file(@TempDir Path dir) throws Exception {
        storage.put(key("d.txt"), Content.of("downloaded"));
        Path target = dir.resolve("x/d.txt");
        assertThat(storage.async().download(key("d.txt"), target).get(30, TimeUnit.SECONDS)).isEqualTo(10);
        assertThat(Files.readString(target)).isEqualTo("downloaded");
    }

    @Test
    void an_async_read_delivers_the_bytes_in_order_one_buffer_per_request() throws Exception {
        byte[] data = TestBytes.random(600_000, 24);
        storage.put(key("pub.bin"), Content.of(data));
        OneAtATimeSubscriber subscriber = new OneAtATimeSubscriber();
        storage.async().read(key("pub.bin")).subscribe(subscriber);
        assertThat(subscriber.done.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(subscriber.error.get()).isNull();
        assertThat(subscriber.overflows.get()).as("buffers delivered beyond demand").isZero();
        assertThat(subscriber.buffers.get()).isGreaterThan(1);
        assertThat(subscriber.bytes.toByteArray()).isEqualTo(data);
    }

    @Test
    void an_async_read_with_unbounded_demand_delivers_everything() throws Exception {
        byte[] data = TestBytes.random(300_000, 29);
        storage.put(key("all.bin"), Content.of(data));
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        CompletableFuture<Void> done = new CompletableFuture<>();
        storage.async().read(key("all.bin")).subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] b = new byte[item.remaining()];
                item.get(b);
                got.writeBytes(b);
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        done.get(30, TimeUnit.SECONDS);
        assertThat(got.toByteArray()).isEqualTo(data);
    }

    @Test
    void an_async_read_of_a_range_delivers_only_that_range() throws Exception {
        if (!runsWith(Capability.RANGE_READ)) {
            return;
        }
        byte[] data = TestBytes.random(200_000, 25);
        storage.put(key("pub.bin"), Content.of(data));
        OneAtATimeSubscriber subscriber = new OneAtATimeSubscriber();
        storage.async().read(key("pub.bin"), ByteRange.of(1000, 150_999)).subscribe(subscriber);
        assertThat(subscriber.done.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(subscriber.bytes.toByteArray()).isEqualTo(Arrays.copyOfRange(data, 1000, 151_000));
    }

    @Test
    void an_async_read_of_a_missing_key_signals_object_not_found() throws Exception {
        OneAtATimeSubscriber subscriber = new OneAtATimeSubscriber();
        storage.async().read(key("missing")).subscribe(subscriber);
        assertThat(subscriber.done.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(subscriber.error.get()).isInstanceOf(ObjectNotFoundException.class);
    }

    @Test
    void cancelling_an_async_read_stops_delivery() throws Exception {
        storage.put(key("big.bin"), Content.of(TestBytes.random(1 << 20, 26)));
        CountDownLatch first = new CountDownLatch(1);
        AtomicInteger received = new AtomicInteger();
        AtomicInteger terminal = new AtomicInteger();
        AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
        storage.async().read(key("big.bin")).subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription.set(s);
                s.request(1);
            }

            @Override
            public void onNext(ByteBuffer item) {
                received.incrementAndGet();
                first.countDown();
            }

            @Override
            public void onError(Throwable t) {
                terminal.incrementAndGet();
            }

            @Override
            public void onComplete() {
                terminal.incrementAndGet();
            }
        });
        assertThat(first.await(30, TimeUnit.SECONDS)).isTrue();
        subscription.get().cancel();
        subscription.get().request(100);
        Thread.sleep(200);
        assertThat(received.get()).isEqualTo(1);
        assertThat(terminal.get()).isZero();
    }

    @Test
    void many_concurrent_async_puts_all_land() {
        int count = 500;
        List<CompletableFuture<ObjectInfo>> futures = IntStream.range(0, count)
                .mapToObj(i -> storage.async().put(key(String.format("c/%04d", i)), Content.of("value " + i)))
                .toList();
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        List<String> listed = listKeys(key("c/"));
        assertThat(listed).hasSize(count).doesNotHaveDuplicates();
        assertThat(storage.getString(key("c/0321"))).isEqualTo("value 321");
    }

    // ---- URLs --------------------------------------------------------------------------------

    @Test
    void a_signed_get_url_downloads_the_object_over_http_with_the_download_name() throws Exception {
        if (!runsWith(Capability.SIGNED_GET)) {
            return;
        }
        byte[] data = TestBytes.random(100_000, 27);
        String k = key("signed/résumé final+1.pdf");
        storage.put(k, Content.of(data), PutOptions.builder().contentType("application/pdf").build());
        URI url = storage.signedUrl(k, SignedUrlOptions.get(Duration.ofMinutes(5)).download("report-2026.pdf"));
        assertThat(url.getScheme()).isIn("http", "https");
        HttpResponse<byte[]> response = fetch(HttpRequest.newBuilder(url).GET());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(data);
        assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                v -> assertThat(v).contains("attachment").contains("report-2026.pdf"));
        HttpResponse<byte[]> plain = fetch(HttpRequest.newBuilder(
                storage.signedUrl(k, SignedUrlOptions.get(Duration.ofMinutes(5)))).GET());
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.body()).isEqualTo(data);
    }

    @Test
    void a_signed_get_url_honours_range_requests() throws Exception {
        if (!runsWith(Capability.SIGNED_GET) || !runsWith(Capability.RANGE_READ)) {
            return;
        }
        byte[] data = TestBytes.random(10_000, 28);
        storage.put(key("ranged.bin"), Content.of(data));
        URI url = storage.signedUrl(key("ranged.bin"), SignedUrlOptions.get(Duration.ofMinutes(5)));
        HttpResponse<byte[]> response = fetch(HttpRequest.newBuilder(url).header("Range", "bytes=100-199").GET());
        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.body()).isEqualTo(Arrays.copyOfRange(data, 100, 200));
        assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes 100-199/10000");
    }

    @Test
    void a_signed_put_url_uploads_the_object_with_its_content_type() throws Exception {
        if (!runsWith(Capability.SIGNED_PUT)) {
            return;
        }
        byte[] data = utf8("id,name\n1,ünïcode\n");
        String k = key("incoming/upload 1.csv");
        URI url = storage.signedUrl(k, SignedUrlOptions.put(Duration.ofMinutes(5)).contentType("text/csv"));
        HttpResponse<byte[]> response = fetch(HttpRequest.newBuilder(url).header("Content-Type", "text/csv")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(data)));
        assertThat(response.statusCode()).isBetween(200, 204);
        assertThat(storage.getBytes(k)).isEqualTo(data);
        assertThat(storage.stat(k).contentType()).startsWith("text/csv");
    }

    @Test
    void a_signed_url_for_another_key_is_refused() throws Exception {
        if (!runsWith(Capability.SIGNED_GET)) {
            return;
        }
        storage.put(key("public-a.txt"), Content.of("a"));
        storage.put(key("secret-b.txt"), Content.of("secret-b-content"));
        URI url = storage.signedUrl(key("public-a.txt"), SignedUrlOptions.get(Duration.ofMinutes(5)));
        URI tampered = URI.create(url.toString().replace("public-a.txt", "secret-b.txt"));
        assertThat(tampered).isNotEqualTo(url);
        HttpResponse<byte[]> response = fetch(HttpRequest.newBuilder(tampered).GET());
        assertThat(response.statusCode()).isEqualTo(403);
        // a distinctive body: an error page may contain any short string (Azurite's request ids are hex)
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).doesNotContain("secret-b-content");
    }

    @Test
    void a_signed_put_url_cannot_be_used_to_read() throws Exception {
        if (!runsWith(Capability.SIGNED_PUT)) {
            return;
        }
        storage.put(key("private.txt"), Content.of("private"));
        URI url = storage.signedUrl(key("private.txt"), SignedUrlOptions.put(Duration.ofMinutes(5)));
        HttpResponse<byte[]> response = fetch(HttpRequest.newBuilder(url).GET());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).isNotEqualTo(utf8("private"));
    }

    @Test
    void an_expired_signed_url_is_refused() throws Exception {
        if (!runsWith(Capability.SIGNED_GET)) {
            return;
        }
        storage.put(key("soon-gone.txt"), Content.of("x"));
        long signedAt = System.nanoTime();
        URI url = storage.signedUrl(key("soon-gone.txt"), SignedUrlOptions.get(Duration.ofSeconds(2)));
        int before = fetch(HttpRequest.newBuilder(url).GET()).statusCode();
        long beforeMillis = (System.nanoTime() - signedAt) / 1_000_000;
        if (beforeMillis < 1500) {
            assertThat(before).as("status %d ms after signing a 2 s URL", beforeMillis).isEqualTo(200);
        }
        // providers count expiry in whole seconds (some from the start of the current one): wait just
        // past the two seconds, then until refused (at most ~6 s)
        Thread.sleep(Math.max(0, 2050 - (System.nanoTime() - signedAt) / 1_000_000));
        HttpResponse<byte[]> response = fetch(HttpRequest.newBuilder(url).GET());
        while (response.statusCode() == 200 && System.nanoTime() - signedAt < 6_000_000_000L) {
            Thread.sleep(200);
            response = fetch(HttpRequest.newBuilder(url).GET());
        }
        assertThat(response.statusCode()).isBetween(400, 403);
        assertThat(response.body()).isNotEqualTo(utf8("x"));
    }

    @Test
    void a_public_url_is_absolute_and_ends_with_the_key() {
        if (!runsWith(Capability.PUBLIC_URL)) {
            return;
        }
        String k = key("photos/a b+c.png");
        URI url = storage.url(k);
        assertThat(url.isAbsolute()).isTrue();
        assertThat(url.getScheme()).isIn("http", "https");
        assertThat(url.getPath()).endsWith("/" + k);
        assertThat(url.getRawPath()).doesNotContain(" ");
    }

    // ---- capabilities ------------------------------------------------------------------------

    @Test
    void capabilities_are_stable_and_the_unsupported_list_names_reported_ones() {
        assertThat(storage.capabilities()).isEqualTo(storage.capabilities());
        assertThat(storage.name()).isNotBlank();
        for (Capability c : unsupportedHere().keySet()) {
            assertThat(storage.capabilities().supports(c)).as("unsupportedHere() names %s, which the driver does not report", c)
                    .isTrue();
            assertThat(unsupportedHere().get(c)).as("the reason for %s", c).isNotBlank();
        }
    }
}
