package dev.stowage.driver.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.ByteRange;
import dev.stowage.Capability;
import dev.stowage.ChecksumAlgorithm;
import dev.stowage.Content;
import dev.stowage.InvalidKeyException;
import dev.stowage.ListRequest;
import dev.stowage.ObjectAlreadyExistsException;
import dev.stowage.ObjectInfo;
import dev.stowage.ObjectNotFoundException;
import dev.stowage.Page;
import dev.stowage.PreconditionFailedException;
import dev.stowage.PutOptions;
import dev.stowage.SignedUrlOptions;
import dev.stowage.Storage;
import dev.stowage.StorageConfigurationException;
import dev.stowage.StorageException;
import dev.stowage.Stowage;
import dev.stowage.spi.Checksums;
import dev.stowage.spi.DiskConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDriverTest {
    @TempDir
    Path dir;
    Path root;
    Storage storage;

    @BeforeEach
    void open() {
        root = dir.resolve("root");
        storage = Stowage.open(root.toUri());
    }

    @AfterEach
    void close() {
        storage.close();
    }

    private Storage reopen() {
        storage.close();
        storage = Stowage.open(root.toUri());
        return storage;
    }

    private static List<Path> visibleFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !root.relativize(p).startsWith(LocalLayout.RESERVED)).sorted().toList();
        }
    }

    @Test
    void file_and_local_uris_open_a_local_disk_and_create_the_root() throws IOException {
        assertThat(Files.isDirectory(root)).isTrue();
        assertThat(storage.unwrap(LocalDriver.class).root()).isEqualTo(root.toRealPath());
        Path rel = Path.of("target", "local-uri-test-" + System.nanoTime());
        try (Storage s = Stowage.open("local:./" + rel.toString().replace('\\', '/') + "?fsync=false")) {
            s.put("a.txt", Content.of("x"));
            assertThat(Files.readString(rel.resolve("a.txt"))).isEqualTo("x");
            assertThat(s.unwrap(LocalDriver.class).root()).isEqualTo(rel.toAbsolutePath().toRealPath());
        } finally {
            try (Stream<Path> files = Files.walk(rel)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        try (Storage s = Stowage.open(DiskConfig.of("d", "file", Map.of("root", dir.resolve("other").toString())))) {
            assertThat(s.name()).isEqualTo("d");
            assertThat(Files.isDirectory(dir.resolve("other"))).isTrue();
        }
    }

    @Test
    void a_root_that_is_a_file_is_a_configuration_error() throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        assertThatThrownBy(() -> Stowage.open(DiskConfig.of("d", "local", Map.of("root", file.toString()))))
                .isInstanceOf(StorageConfigurationException.class).hasMessageContaining("d");
    }

    @Test
    void an_object_is_a_plain_file_under_the_root_with_the_bytes_written() throws IOException {
        ObjectInfo info = storage.put("docs/readme.txt", Content.of("hello"));
        assertThat(Files.readString(root.resolve("docs/readme.txt"))).isEqualTo("hello");
        assertThat(info.size()).isEqualTo(5);
        assertThat(info.contentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(info.checksum(ChecksumAlgorithm.CRC32C)).isEqualTo(Checksums.crc32c("hello".getBytes()));
        assertThat(storage.getString("docs/readme.txt")).isEqualTo("hello");
        assertThat(storage.stat("docs/readme.txt")).isEqualTo(info);
    }

    @Test
    void every_kind_of_content_round_trips_with_its_checksum() throws IOException {
        byte[] data = new byte[300_000];
        new Random(7).nextBytes(data);
        String crc = Checksums.crc32c(data);
        Path source = Files.write(dir.resolve("source.bin"), data);
        List<Content> contents = List.of(Content.of(data), Content.of(source),
                Content.of(new ByteArrayInputStream(data)), Content.of(new ByteArrayInputStream(data), data.length));
        for (int i = 0; i < contents.size(); i++) {
            ObjectInfo info = storage.put("bin/" + i, contents.get(i));
            assertThat(info.size()).isEqualTo(data.length);
            assertThat(info.checksum(ChecksumAlgorithm.CRC32C)).isEqualTo(crc);
            assertThat(storage.getBytes("bin/" + i)).isEqualTo(data);
        }
        assertThat(storage.put("empty", Content.empty()).size()).isZero();
        assertThat(storage.getBytes("empty")).isEmpty();
    }

    @Test
    void metadata_headers_and_tags_survive_a_restart() {
        PutOptions options = PutOptions.builder().contentType("application/x-thing").contentDisposition(
                "attachment; filename=\"a b.txt\"").cacheControl("max-age=60").metadata(Map.of("owner", "4 2",
                        "note", "50% off = 100%")).tags(Map.of("team", "blue green")).build();
        ObjectInfo written = storage.put("meta/x", Content.of("data"), options);
        ObjectInfo after = reopen().stat("meta/x");
        assertThat(after).isEqualTo(written);
        assertThat(after.contentType()).isEqualTo("application/x-thing");
        assertThat(after.contentDisposition()).isEqualTo("attachment; filename=\"a b.txt\"");
        assertThat(after.cacheControl()).isEqualTo("max-age=60");
        assertThat(after.metadata()).containsEntry("owner", "4 2").containsEntry("note", "50% off = 100%");
        assertThat(storage.tags("meta/x")).isEqualTo(Map.of("team", "blue green"));
    }

    @Test
    void sidecars_and_temp_files_are_never_listed_as_objects() {
        storage.put("a", Content.of("1"), PutOptions.builder().metadata(Map.of("k", "v")).build());
        storage.put("b/c", Content.of("2"));
        assertThat(storage.list("").map(ObjectInfo::key)).containsExactly("a", "b/c");
        Page page = storage.list(ListRequest.prefix("").delimiter("/"));
        assertThat(page.prefixes()).containsExactly("b/");
        assertThat(storage.list(".st").toList()).isEmpty();
    }

    @Test
    void keys_in_the_reserved_directory_are_rejected() {
        assertThatThrownBy(() -> storage.put(".stowage/meta/x", Content.of("x")))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining(".stowage");
        assertThatThrownBy(() -> storage.put(".stowage", Content.of("x"))).isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> storage.getBytes(".stowage/tmp/x")).isInstanceOf(InvalidKeyException.class);
        assertThat(storage.list(".stowage/").toList()).isEmpty();
        assertThatThrownBy(() -> storage.put("x/.stowage", Content.of("x"))).isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> storage.put("x/.stowage/y", Content.of("x")))
                .isInstanceOf(InvalidKeyException.class);
        storage.put(".stowage2/ok", Content.of("fine"));
        storage.put("x/.stowagex/ok", Content.of("fine too"));
        assertThat(storage.list("").map(ObjectInfo::key)).containsExactly(".stowage2/ok", "x/.stowagex/ok");
    }

    @Test
    void a_segment_longer_than_a_file_name_can_be_is_an_invalid_key() {
        String longSegment = "é".repeat(128); // 256 bytes of UTF-8
        assertThatThrownBy(() -> storage.put("a/" + longSegment + "/b", Content.of("x")))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("255");
        String fits = "é".repeat(127);
        storage.put("a/" + fits, Content.of("x"));
        assertThat(storage.getString("a/" + fits)).isEqualTo("x");
    }

    @Test
    void files_written_by_other_tools_are_objects_with_detected_types() throws IOException {
        Files.createDirectories(root.resolve("imports"));
        Files.writeString(root.resolve("imports/data.json"), "{}");
        Files.write(root.resolve("imports/picture"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        ObjectInfo json = storage.stat("imports/data.json");
        assertThat(json.contentType()).isEqualTo("application/json");
        assertThat(json.size()).isEqualTo(2);
        assertThat(json.etag()).isNotBlank();
        assertThat(storage.stat("imports/picture").contentType()).isEqualTo("image/png");
        assertThat(storage.list("imports/").map(ObjectInfo::key)).containsExactly("imports/data.json",
                "imports/picture");
    }

    @Test
    void a_file_changed_by_another_tool_gets_a_new_etag_and_loses_the_stale_metadata() throws IOException {
        ObjectInfo before = storage.put("note.bin", Content.of("one"),
                PutOptions.builder().contentType("text/x-one").metadata(Map.of("v", "1")).build());
        Files.writeString(root.resolve("note.bin"), "changed!");
        Files.setLastModifiedTime(root.resolve("note.bin"),
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        ObjectInfo after = storage.stat("note.bin");
        assertThat(after.etag()).isNotEqualTo(before.etag());
        assertThat(after.metadata()).isEmpty();
        assertThat(after.contentType()).isEqualTo(ObjectInfo.OCTET_STREAM);
        assertThat(after.size()).isEqualTo(8);
    }

    @Test
    void missing_keys_are_not_found_for_read_stat_copy_and_move_and_delete_returns_false() {
        assertThatThrownBy(() -> storage.getBytes("nope")).isInstanceOf(ObjectNotFoundException.class)
                .hasMessageContaining("nope");
        assertThatThrownBy(() -> storage.stat("no/such/key")).isInstanceOf(ObjectNotFoundException.class);
        assertThatThrownBy(() -> storage.copy("nope", "x")).isInstanceOf(ObjectNotFoundException.class);
        assertThatThrownBy(() -> storage.move("nope", "x")).isInstanceOf(ObjectNotFoundException.class);
        assertThat(storage.delete("nope")).isFalse();
        assertThat(storage.exists("nope")).isFalse();
        storage.put("dir/file", Content.of("x"));
        assertThatThrownBy(() -> storage.stat("dir")).isInstanceOf(ObjectNotFoundException.class);
        assertThatThrownBy(() -> storage.stat("dir/file/deeper")).isInstanceOf(ObjectNotFoundException.class);
        assertThat(storage.delete("dir")).isFalse();
    }

    @Test
    void ranges_read_the_requested_bytes() throws IOException {
        storage.put("r", Content.of("0123456789"));
        assertThat(read(ByteRange.of(2, 4))).isEqualTo("234");
        assertThat(read(ByteRange.from(7))).isEqualTo("789");
        assertThat(read(ByteRange.suffix(3))).isEqualTo("789");
        assertThat(read(ByteRange.suffix(30))).isEqualTo("0123456789");
        assertThat(read(ByteRange.of(8, 100))).isEqualTo("89");
        assertThat(read(ByteRange.from(10))).isEmpty();
        assertThat(read(ByteRange.from(50))).isEmpty();
        try (InputStream in = storage.open("r", ByteRange.of(1, 8))) {
            assertThat(in.skip(2)).isEqualTo(2);
            assertThat(in.read()).isEqualTo('3');
            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("45678");
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    private String read(ByteRange range) throws IOException {
        try (InputStream in = storage.open("r", range)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void deleting_removes_the_sidecar_and_prunes_empty_folders_up_to_the_root() throws IOException {
        storage.close();
        storage = Stowage.open(java.net.URI.create(root.toUri() + "?metadata=sidecar"));
        storage.put("a/b/c/one", Content.of("1"), PutOptions.builder().metadata(Map.of("k", "v")).build());
        storage.put("a/two", Content.of("2"));
        storage.put("a/two", Content.of("2 again"));
        Path sidecar = storage.unwrap(LocalDriver.class).root().resolve(".stowage/meta");
        assertThat(countFiles(sidecar)).isEqualTo(2);
        assertThat(storage.delete("a/b/c/one")).isTrue();
        assertThat(storage.delete("a/b/c/one")).isFalse();
        assertThat(Files.exists(root.resolve("a/b"))).isFalse();
        assertThat(Files.exists(root.resolve("a/two"))).isTrue();
        assertThat(countFiles(sidecar)).isEqualTo(1);
        storage.deleteAll(List.of("a/two", "missing"));
        assertThat(Files.exists(root.resolve("a"))).isFalse();
        assertThat(Files.isDirectory(root)).isTrue();
        assertThat(countFiles(sidecar)).isZero();
    }

    private static long countFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void copy_keeps_metadata_and_gives_a_new_etag() {
        ObjectInfo source = storage.put("src", Content.of("payload"), PutOptions.builder().contentType("text/x-y")
                .metadata(Map.of("a", "b")).tags(Map.of("t", "1")).cacheControl("no-cache").build());
        ObjectInfo copy = storage.copy("src", "nested/dst");
        assertThat(copy.etag()).isNotEqualTo(source.etag());
        assertThat(copy.contentType()).isEqualTo("text/x-y");
        assertThat(copy.metadata()).isEqualTo(Map.of("a", "b"));
        assertThat(copy.tags()).isEqualTo(Map.of("t", "1"));
        assertThat(copy.cacheControl()).isEqualTo("no-cache");
        assertThat(copy.checksums()).isEqualTo(source.checksums());
        assertThat(storage.stat("nested/dst")).isEqualTo(copy);
        assertThat(storage.getString("nested/dst")).isEqualTo("payload");
        assertThat(storage.getString("src")).isEqualTo("payload");
    }

    @Test
    void move_renames_the_file_and_carries_its_metadata() throws IOException {
        storage.put("old/name", Content.of("moving"), PutOptions.builder().contentType("text/x-m")
                .metadata(Map.of("k", "v")).build());
        storage.put("new/name", Content.of("overwritten"));
        Object inode = Files.readAttributes(root.resolve("old/name"),
                java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        ObjectInfo moved = storage.move("old/name", "new/name");
        assertThat(Files.readAttributes(root.resolve("new/name"),
                java.nio.file.attribute.BasicFileAttributes.class).fileKey()).isEqualTo(inode);
        assertThat(moved.metadata()).isEqualTo(Map.of("k", "v"));
        assertThat(storage.stat("new/name")).isEqualTo(moved);
        assertThat(storage.getString("new/name")).isEqualTo("moving");
        assertThat(storage.exists("old/name")).isFalse();
        assertThat(Files.exists(root.resolve("old"))).isFalse();
        assertThat(reopen().stat("new/name").contentType()).isEqualTo("text/x-m");
    }

    @Test
    void conditional_writes_check_existence_and_etags() {
        ObjectInfo first = storage.put("c", Content.of("1"), PutOptions.builder().ifNoneMatch().build());
        assertThatThrownBy(() -> storage.put("c", Content.of("2"), PutOptions.builder().ifNoneMatch().build()))
                .isInstanceOf(ObjectAlreadyExistsException.class);
        ObjectInfo second = storage.put("c", Content.of("2"), PutOptions.builder().ifMatch(first.etag()).build());
        assertThat(second.etag()).isNotEqualTo(first.etag());
        assertThatThrownBy(() -> storage.put("c", Content.of("3"), PutOptions.builder().ifMatch(first.etag()).build()))
                .isInstanceOf(PreconditionFailedException.class);
        assertThatThrownBy(() -> storage.put("absent", Content.of("3"), PutOptions.builder().ifMatch("x").build()))
                .isInstanceOf(PreconditionFailedException.class);
        assertThat(storage.getString("c")).isEqualTo("2");
        assertThat(storage.exists("absent")).isFalse();
        assertThat(tempDebris()).isEmpty();
    }

    @Test
    void overwriting_the_same_size_in_the_same_instant_still_changes_the_etag() {
        String previous = null;
        for (int i = 0; i < 200; i++) {
            String etag = storage.put("same", Content.of("abcd")).etag();
            assertThat(etag).isNotEqualTo(previous);
            previous = etag;
        }
    }

    @Test
    void a_key_can_be_an_object_and_a_folder_at_once() throws IOException {
        ObjectInfo a = storage.put("a", Content.of("file"), PutOptions.builder().metadata(Map.of("k", "v")).build());
        storage.put("a/b", Content.of("x"));
        assertThat(Files.isDirectory(root.resolve("a"))).isTrue();
        assertThat(storage.stat("a")).isEqualTo(a); // same inode, so the same etag and metadata
        assertThat(storage.getString("a")).isEqualTo("file");
        storage.put("a-z", Content.of("y"));
        storage.put("a.txt", Content.of("y"));
        assertThat(storage.list("").map(ObjectInfo::key)).containsExactly("a", "a-z", "a.txt", "a/b");
        assertThat(storage.list(ListRequest.prefix("").delimiter("/")).objects().stream().map(ObjectInfo::key))
                .containsExactly("a", "a-z", "a.txt");
        storage.put("a", Content.of("second"));
        assertThat(storage.getString("a")).isEqualTo("second");
        storage.put("d/e", Content.of("x"));
        storage.put("d", Content.of("folder object"));
        assertThat(storage.list("d").map(ObjectInfo::key)).containsExactly("d", "d/e");
        assertThat(storage.delete("d/e")).isTrue();
        assertThat(storage.getString("d")).isEqualTo("folder object");
        assertThat(storage.delete("d")).isTrue();
        assertThat(Files.exists(root.resolve("d"))).isFalse();
        assertThat(storage.delete("a")).isTrue();
        assertThat(storage.list("").map(ObjectInfo::key)).containsExactly("a-z", "a.txt", "a/b");
        ObjectInfo moved = storage.move("a/b", "a");
        assertThat(storage.list("").map(ObjectInfo::key)).containsExactly("a", "a-z", "a.txt");
        assertThat(storage.stat("a")).isEqualTo(moved);
        storage.move("a", "a/inner/deeper");
        assertThat(storage.list("").map(ObjectInfo::key)).containsExactly("a-z", "a.txt", "a/inner/deeper");
        assertThat(tempDebris()).isEmpty();
    }

    @Test
    void capabilities_are_everything_but_multipart_and_batch_delete_and_signing_needs_a_secret() {
        assertThat(storage.capabilities().supported()).doesNotContain(Capability.MULTIPART_UPLOAD,
                Capability.BATCH_DELETE, Capability.SIGNED_GET, Capability.SIGNED_PUT);
        assertThat(storage.capabilities().supports(Capability.TAG_SEARCH)).isTrue();
        assertThat(storage.capabilities().supports(Capability.TAGS)).isTrue();
        assertThat(storage.capabilities().supports(Capability.RANGE_READ)).isTrue();
        try (Storage signing = Stowage.open(DiskConfig.of("s", "local", Map.of("root", dir.resolve("s").toString(),
                "signing-secret", "0123456789abcdef0123")))) {
            assertThat(signing.capabilities().supports(Capability.SIGNED_GET)).isTrue();
            assertThat(signing.signedUrl("a b.txt", SignedUrlOptions.get(Duration.ofMinutes(5))).toString())
                    .startsWith("http://127.0.0.1:8080/").contains("a%20b.txt");
            assertThat(signing.url("x/y.png").toString()).isEqualTo("http://127.0.0.1:8080/public/s/x/y.png");
        }
    }

    @Test
    void objects_are_found_by_their_current_tags_only() {
        storage.put("t/1", Content.of("x"), PutOptions.builder().tag("team", "blue").tag("env", "prod").build());
        storage.put("t/2", Content.of("x"), PutOptions.builder().tag("team", "blue").build());
        storage.put("t/3", Content.of("x"), PutOptions.builder().tag("team", "red").build());
        storage.put("t/4", Content.of("x"), PutOptions.builder().tag("team", "blue").build());
        storage.put("t/4", Content.of("y"), PutOptions.builder().tag("team", "green").build());
        storage.put("t/5", Content.of("x"), PutOptions.builder().tag("team", "blue").build());
        storage.delete("t/5");
        assertThat(storage.findByTags("\"team\" = 'blue'")).extracting(ObjectInfo::key).containsExactly("t/1", "t/2");
        assertThat(storage.findByTags("team='blue' AND env = 'prod'")).extracting(ObjectInfo::key)
                .containsExactly("t/1");
        assertThatThrownBy(() -> storage.findByTags("team ~ blue")).isInstanceOf(StorageException.class);
    }

    @Test
    void using_a_closed_disk_fails_clearly() {
        storage.close();
        assertThatThrownBy(() -> storage.put("x", Content.of("x"))).isInstanceOf(StorageException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void without_fsync_writes_are_still_atomic_and_complete() throws IOException {
        try (Storage fast = Stowage.open(DiskConfig.of("f", "local", Map.of("root", dir.resolve("f").toString(),
                "fsync", "false", "fsync-directory", "true")))) {
            fast.put("k/v", Content.of("value"));
            assertThat(fast.getString("k/v")).isEqualTo("value");
        }
        assertThat(visibleFiles(dir.resolve("f"))).containsExactly(dir.resolve("f/k/v"));
    }

    private List<Path> tempDebris() {
        try (Stream<Path> files = Files.walk(root.resolve(".stowage/tmp"))) {
            return files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals(".lock")).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
