package dev.stowage.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.stowage.ByteRange;
import dev.stowage.Capability;
import dev.stowage.ChecksumAlgorithm;
import dev.stowage.Content;
import dev.stowage.InvalidKeyException;
import dev.stowage.ListRequest;
import dev.stowage.ObjectAlreadyExistsException;
import dev.stowage.ObjectInfo;
import dev.stowage.ObjectNotFoundException;
import dev.stowage.Operation;
import dev.stowage.Page;
import dev.stowage.PreconditionFailedException;
import dev.stowage.PutOptions;
import dev.stowage.Storage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every Stowage driver must show, as one JUnit 5 suite. A driver's test class
 * extends it and implements {@link #openStorage()}; the suite opens the disk once, runs every test
 * under its own random prefix ({@code contract-xxxxxxxx/}), deletes that prefix afterwards and
 * closes the disk at the end.
 *
 * <p>Tests that need an optional {@link Capability} run only where the disk reports it. When the
 * server under test lacks something the driver supports (an emulator without tags, say), name it
 * in {@link #unsupportedHere()} with the reason: those tests are then skipped, visibly.
 *
 * <p>Test names are sentences stating the behaviour.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StorageContract {

    /** The disk under test, open for the whole class. */
    protected Storage storage;

    /** This test's prefix, e.g. {@code contract-1a2b3c4d/}; everything under it is deleted afterwards. */
    protected String prefix;

    /**
     * Opens the disk under test. Called once, before the first test; the suite closes it after the
     * last. The disk may hold other data: the suite only touches keys under its own prefixes.
     */
    protected abstract Storage openStorage() throws Exception;

    /**
     * Capabilities the driver reports but the server under test lacks, each with the reason; tests
     * needing them are skipped. Empty by default.
     */
    protected java.util.Map<Capability, String> unsupportedHere() {
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
    void writing_an_empty_object_stores_zero_bytes() {
        ObjectInfo info = storage.put(key("empty"), Content.empty());
        assertThat(info.size()).isZero();
        assertThat(storage.getBytes(key("empty"))).isEmpty();
        assertThat(storage.stat(key("empty")).size()).isZero();
        assertThat(storage.exists(key("empty"))).isTrue();
    }

    @Test
    void writing_over_an_existing_key_replaces_the_object() {
        storage.put(key("over.txt"), Content.of("first version, longer"));
        storage.put(key("over.txt"), Content.of("second"));
        assertThat(storage.getString(key("over.txt"))).isEqualTo("second");
        assertThat(storage.stat(key("over.txt")).size()).isEqualTo(6);
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
                });
    }

    @Test
    void stat_of_a_missing_key_throws_object_not_found_naming_the_operation() {
        assertThatThrownBy(() -> storage.stat(key("missing")))
                .isInstanceOfSatisfying(ObjectNotFoundException.class, e -> {
                    assertThat(e.key()).isEqualTo(key("missing"));
                    assertThat(e.operation()).isEqualTo(Operation.STAT);
                });
    }

    @Test
    void exists_tells_whether_an_object_is_there() {
        assertThat(storage.exists(key("a"))).isFalse();
        storage.put(key("a"), Content.of("x"));
        assertThat(storage.exists(key("a"))).isTrue();
        assertThat(storage.exists(prefix.substring(0, prefix.length() - 1))).isFalse();
    }

    @Test
    void a_range_from_first_to_last_returns_those_bytes_inclusive() throws IOException {
        assume(Capability.RANGE_READ);
        byte[] data = TestBytes.random(1000, 5);
        storage.put(key("r.bin"), Content.of(data));
        try (InputStream in = storage.open(key("r.bin"), ByteRange.of(100, 199))) {
            assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(data, 100, 200));
        }
    }

    @Test
    void a_range_from_an_offset_returns_the_rest_of_the_object() throws IOException {
        assume(Capability.RANGE_READ);
        byte[] data = TestBytes.random(1000, 6);
        storage.put(key("r.bin"), Content.of(data));
        try (InputStream in = storage.open(key("r.bin"), ByteRange.from(900))) {
            assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(data, 900, 1000));
        }
    }

    @Test
    void a_suffix_range_returns_the_last_bytes() throws IOException {
        assume(Capability.RANGE_READ);
        byte[] data = TestBytes.random(1000, 7);
        storage.put(key("r.bin"), Content.of(data));
        try (InputStream in = storage.open(key("r.bin"), ByteRange.suffix(10))) {
            assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(data, 990, 1000));
        }
    }

    // ---- stat --------------------------------------------------------------------------------

    @Test
    void stat_reports_size_type_etag_and_a_recent_last_modified() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        storage.put(key("s.bin"), Content.of(TestBytes.random(1234, 8)),
                PutOptions.builder().contentType("application/x-contract").build());
        ObjectInfo info = storage.stat(key("s.bin"));
        assertThat(info.key()).isEqualTo(key("s.bin"));
        assertThat(info.disk()).isEqualTo(storage.name());
        assertThat(info.size()).isEqualTo(1234);
        assertThat(info.contentType()).isEqualTo("application/x-contract");
        assertThat(info.etag()).isNotBlank().doesNotStartWith("\"");
        assertThat(info.lastModified()).isNotNull();
        assertThat(info.lastModified()).isCloseTo(before, within(Duration.ofMinutes(2).toMillis(), ChronoUnit.MILLIS));
    }

    @Test
    void the_content_type_is_detected_from_the_extension_when_not_given() {
        storage.put(key("page.html"), Content.of("<p>hi</p>"));
        storage.put(key("data.json"), Content.of("{}"));
        assertThat(storage.stat(key("page.html")).contentType()).startsWith("text/html");
        assertThat(storage.stat(key("data.json")).contentType()).isEqualTo("application/json");
    }

    @Test
    void stored_checksums_equal_the_crc32c_of_the_bytes() {
        assume(Capability.CHECKSUMS);
        byte[] data = TestBytes.random(50_000, 9);
        ObjectInfo written = storage.put(key("c.bin"), Content.of(data));
        String expected = TestBytes.crc32c(data);
        assertThat(storage.stat(key("c.bin")).checksum(ChecksumAlgorithm.CRC32C)).isEqualTo(expected);
        assertThat(written.checksum(ChecksumAlgorithm.CRC32C)).isIn(null, expected);
    }

    @Test
    void user_metadata_is_returned_by_stat() {
        assume(Capability.METADATA);
        storage.put(key("m.txt"), Content.of("x"),
                PutOptions.builder().metadata(Map.of("owner", "alice", "case_id", "42")).build());
        assertThat(storage.stat(key("m.txt")).metadata()).containsExactlyInAnyOrderEntriesOf(
                Map.of("owner", "alice", "case_id", "42"));
    }

    // ---- listing -----------------------------------------------------------------------------

    @Test
    void listing_a_prefix_returns_every_key_under_it_in_order() {
        List<String> keys = List.of(key("b"), key("a/1"), key("a/2"), key("c/d/e"));
        keys.forEach(k -> storage.put(k, Content.of(k)));
        try (var s = storage.list(prefix)) {
            assertThat(s.map(ObjectInfo::key)).containsExactly(key("a/1"), key("a/2"), key("b"), key("c/d/e"));
        }
    }

    @Test
    void listing_with_a_delimiter_rolls_keys_up_into_common_prefixes() {
        List.of(key("top.txt"), key("dir/a"), key("dir/b"), key("other/x/y")).forEach(k -> storage.put(k, Content.of("1")));
        Page page = storage.list(ListRequest.prefix(prefix).folders());
        assertThat(page.objects()).extracting(ObjectInfo::key).containsExactly(key("top.txt"));
        assertThat(page.prefixes()).containsExactly(key("dir/"), key("other/"));
        assertThat(page.hasMore()).isFalse();
    }

    @Test
    void listing_an_empty_prefix_returns_nothing() {
        Page page = storage.list(ListRequest.prefix(key("nothing-here/")));
        assertThat(page.objects()).isEmpty();
        assertThat(page.prefixes()).isEmpty();
        assertThat(page.hasMore()).isFalse();
        try (var s = storage.list(key("nothing-here/"))) {
            assertThat(s).isEmpty();
        }
    }

    @Test
    void paging_with_a_limit_and_cursor_visits_every_key_once() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String k = key(String.format("p/%03d", i));
            expected.add(k);
            storage.put(k, Content.of(Integer.toString(i)));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page page = storage.list(ListRequest.prefix(key("p/")).limit(7).after(cursor));
            assertThat(page.objects().size()).isLessThanOrEqualTo(7);
            page.objects().forEach(o -> seen.add(o.key()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null && pages < 100);
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(pages).isBetween(4, 5);
    }

    // ---- copy, move, delete -----------------------------------------------------------------

    @Test
    void copy_duplicates_bytes_type_and_metadata() {
        PutOptions.Builder options = PutOptions.builder().contentType("text/x-contract");
        if (has(Capability.METADATA)) {
            options.metadata("owner", "bob");
        }
        storage.put(key("src"), Content.of("copy me"), options.build());
        storage.copy(key("src"), key("dst"));
        assertThat(storage.getString(key("dst"))).isEqualTo("copy me");
        ObjectInfo info = storage.stat(key("dst"));
        assertThat(info.contentType()).isEqualTo("text/x-contract");
        if (has(Capability.METADATA)) {
            assertThat(info.metadata()).containsEntry("owner", "bob");
        }
        assertThat(storage.exists(key("src"))).isTrue();
    }

    @Test
    void copying_a_missing_source_throws_object_not_found() {
        assertThatThrownBy(() -> storage.copy(key("missing"), key("dst"))).isInstanceOf(ObjectNotFoundException.class);
        assertThat(storage.exists(key("dst"))).isFalse();
    }

    @Test
    void move_leaves_the_target_and_removes_the_source() {
        storage.put(key("from"), Content.of("moving"));
        storage.move(key("from"), key("to"));
        assertThat(storage.getString(key("to"))).isEqualTo("moving");
        assertThat(storage.exists(key("from"))).isFalse();
    }

    @Test
    void delete_returns_whether_the_object_existed() {
        storage.put(key("d"), Content.of("x"));
        assertThat(storage.delete(key("d"))).isTrue();
        assertThat(storage.exists(key("d"))).isFalse();
        assertThat(storage.delete(key("d"))).isFalse();
    }

    @Test
    void delete_prefix_removes_everything_under_it_and_counts() {
        for (int i = 0; i < 12; i++) {
            storage.put(key("tmp/" + i), Content.of("x"));
        }
        storage.put(key("keep"), Content.of("x"));
        assertThat(storage.deletePrefix(key("tmp/"))).isEqualTo(12);
        assertThat(storage.exists(key("keep"))).isTrue();
        try (var s = storage.list(key("tmp/"))) {
            assertThat(s).isEmpty();
        }
    }

    // ---- conditional writes -------------------------------------------------------------------

    @Test
    void writing_with_if_none_match_fails_when_the_key_exists() {
        assume(Capability.CONDITIONAL_CREATE);
        PutOptions createOnly = PutOptions.builder().ifNoneMatch().build();
        storage.put(key("once"), Content.of("first"), createOnly);
        assertThatThrownBy(() -> storage.put(key("once"), Content.of("second"), createOnly))
                .isInstanceOf(ObjectAlreadyExistsException.class);
        assertThat(storage.getString(key("once"))).isEqualTo("first");
    }

    @Test
    void writing_with_a_stale_if_match_fails_and_keeps_the_object() {
        assume(Capability.CONDITIONAL_UPDATE);
        ObjectInfo first = storage.put(key("cas"), Content.of("v1"));
        ObjectInfo second = storage.put(key("cas"), Content.of("v2"), PutOptions.builder().ifMatch(first.etag()).build());
        assertThatThrownBy(() -> storage.put(key("cas"), Content.of("v3"), PutOptions.builder().ifMatch(first.etag()).build()))
                .isInstanceOf(PreconditionFailedException.class);
        assertThat(storage.getString(key("cas"))).isEqualTo("v2");
        assertThat(second.etag()).isNotEqualTo(first.etag());
    }

    // ---- keys and errors ----------------------------------------------------------------------

    @Test
    void an_invalid_key_is_refused_with_the_rule_it_breaks() {
        assertThatThrownBy(() -> storage.put(prefix + "../escape", Content.of("x")))
                .isInstanceOfSatisfying(InvalidKeyException.class, e -> {
                    assertThat(e.reason()).contains("'..'");
                    assertThat(e.operation()).isEqualTo(Operation.WRITE);
                });
    }
}
