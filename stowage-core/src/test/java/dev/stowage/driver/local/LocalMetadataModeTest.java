package dev.stowage.driver.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stowage.Content;
import dev.stowage.ObjectInfo;
import dev.stowage.PutOptions;
import dev.stowage.Storage;
import dev.stowage.StorageConfigurationException;
import dev.stowage.Stowage;
import dev.stowage.spi.DiskConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where records live ({@code metadata=xattr|sidecar|auto}) and what each mode guarantees. */
class LocalMetadataModeTest {
    private static final PutOptions RICH = PutOptions.builder().contentType("text/x-rich")
            .contentDisposition("attachment; filename=\"r.txt\"").cacheControl("max-age=60")
            .metadata(Map.of("owner", "ada lovelace", "n", "1")).tags(Map.of("team", "blue")).build();

    @TempDir
    Path root;

    @BeforeEach
    void requireXattrs() {
        assumeTrue(Xattrs.supported(root), "the temp directory's file system has no user extended attributes");
    }

    private Storage open(String mode) {
        return Stowage.open(URI.create(root.toUri() + "?metadata=" + mode));
    }

    private long sidecars() throws IOException {
        Path meta = root.resolve(".stowage/meta");
        if (!Files.exists(meta)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(meta)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    private static boolean hasAttribute(Path file) throws IOException {
        return Files.getFileAttributeView(file, UserDefinedFileAttributeView.class).list()
                .contains(XattrRecord.NAME);
    }

    @Test
    void in_xattr_mode_metadata_lives_on_the_data_file_and_survives_a_reopen() throws IOException {
        ObjectInfo written;
        try (Storage storage = open("xattr")) {
            assertThat(storage.unwrap(LocalDriver.class).recordsInXattrs()).isTrue();
            written = storage.put("docs/rich.txt", Content.of("rich"), RICH);
            assertThat(storage.stat("docs/rich.txt")).isEqualTo(written);
        }
        assertThat(sidecars()).isZero();
        assertThat(hasAttribute(root.resolve("docs/rich.txt"))).isTrue();
        try (Storage reopened = open("xattr")) {
            ObjectInfo after = reopened.stat("docs/rich.txt");
            assertThat(after).isEqualTo(written);
            assertThat(after.metadata()).containsEntry("owner", "ada lovelace");
            assertThat(after.tags()).isEqualTo(Map.of("team", "blue"));
            assertThat(after.contentDisposition()).isEqualTo("attachment; filename=\"r.txt\"");
            assertThat(after.cacheControl()).isEqualTo("max-age=60");
            assertThat(reopened.findByTags("\"team\" = 'blue'")).extracting(ObjectInfo::key)
                    .containsExactly("docs/rich.txt");
        }
    }

    @Test
    void the_usual_record_fits_in_64_bytes_so_ext4_keeps_it_inside_the_inode() {
        Sidecar.Record usual = new Sidecar.Record("e", "AAAAAA==", "application/octet-stream", null, null, Map.of(),
                Map.of());
        var attrs = new FakeAttributes(FileTime.from(1_763_900_000_123_456L, TimeUnit.MICROSECONDS), 1 << 20);
        byte[] value = XattrRecord.encode(usual, attrs);
        assertThat(value.length).isLessThanOrEqualTo(64);
        assertThat(XattrRecord.decode(ByteBuffer.wrap(value), attrs))
                .isEqualTo(usual.withEtag(FileVersions.etag(attrs)));
    }

    @Test
    void a_record_too_big_for_an_attribute_goes_to_a_sidecar_that_stat_finds_and_the_next_version_removes()
            throws IOException {
        Map<String, String> metadata = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            metadata.put("m" + i, "v".repeat(190));
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            tags.put(("t" + i).repeat(40), "w".repeat(250));
        }
        PutOptions big = PutOptions.builder().metadata(metadata).tags(tags).contentType("text/x-big").build();
        ObjectInfo written;
        try (Storage storage = open("xattr")) {
            written = storage.put("big", Content.of("b"), big);
            assertThat(sidecars()).isOne();
            assertThat(hasAttribute(root.resolve("big"))).isFalse();
            assertThat(storage.stat("big")).isEqualTo(written);
        }
        try (Storage reopened = open("xattr")) {
            assertThat(reopened.stat("big")).isEqualTo(written);
            assertThat(reopened.stat("big").tags()).isEqualTo(tags);
            assertThat(reopened.findByTags("\"" + "t0".repeat(40) + "\" = '" + "w".repeat(250) + "'"))
                    .extracting(ObjectInfo::key)
                    .containsExactly("big");
            ObjectInfo moved = reopened.move("big", "moved/big");
            assertThat(reopened.stat("moved/big").metadata()).isEqualTo(metadata);
            assertThat(moved.etag()).isEqualTo(written.etag());
            reopened.put("moved/big", Content.of("small"), PutOptions.builder().metadata(Map.of("k", "v")).build());
            assertThat(sidecars()).isZero();
            assertThat(reopened.stat("moved/big").metadata()).isEqualTo(Map.of("k", "v"));
        }
    }

    @Test
    void sidecar_mode_keeps_records_in_sidecar_files_and_they_survive_a_reopen() throws IOException {
        ObjectInfo written;
        try (Storage storage = open("sidecar")) {
            assertThat(storage.unwrap(LocalDriver.class).recordsInXattrs()).isFalse();
            written = storage.put("rich", Content.of("rich"), RICH);
            storage.put("rich", Content.of("rich"), RICH);
            written = storage.stat("rich");
        }
        assertThat(sidecars()).isOne();
        assertThat(hasAttribute(root.resolve("rich"))).isFalse();
        try (Storage reopened = open("sidecar")) {
            assertThat(reopened.stat("rich")).isEqualTo(written);
            assertThat(reopened.findByTags("\"team\" = 'blue'")).extracting(ObjectInfo::key).containsExactly("rich");
        }
    }

    @Test
    void a_root_can_switch_modes_without_losing_metadata() {
        ObjectInfo inSidecar;
        ObjectInfo inXattr;
        try (Storage storage = open("sidecar")) {
            inSidecar = storage.put("s", Content.of("s"), RICH);
        }
        try (Storage storage = open("xattr")) {
            assertThat(storage.stat("s")).isEqualTo(inSidecar);
            inXattr = storage.put("x", Content.of("x"), RICH);
            assertThat(storage.copy("s", "s-copy").metadata()).isEqualTo(RICH.metadata());
        }
        try (Storage storage = open("sidecar")) {
            assertThat(storage.stat("x")).isEqualTo(inXattr);
            assertThat(storage.stat("s-copy").tags()).isEqualTo(RICH.tags());
            assertThat(storage.move("x", "y").metadata()).isEqualTo(RICH.metadata());
            assertThat(storage.stat("y").contentType()).isEqualTo("text/x-rich");
        }
    }

    @Test
    void an_in_place_rewrite_by_another_tool_or_a_damaged_attribute_never_yields_wrong_metadata() throws IOException {
        try (Storage storage = open("xattr")) {
            storage.put("page.html", Content.of("<p>"), RICH);
            Path file = root.resolve("page.html");
            UserDefinedFileAttributeView view = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
            byte[] value = new byte[view.size(XattrRecord.NAME)];
            view.read(XattrRecord.NAME, ByteBuffer.wrap(value));
            Files.writeString(file, "<p>edited by hand"); // same inode, attribute kept, new mtime and size
            ObjectInfo edited = storage.stat("page.html");
            assertThat(edited.contentType()).isEqualTo("text/html; charset=utf-8"); // detected from the name
            assertThat(edited.metadata()).isEmpty();

            storage.put("page.html", Content.of("<p>"), RICH);
            view.read(XattrRecord.NAME, ByteBuffer.wrap(value = new byte[view.size(XattrRecord.NAME)]));
            for (int cut = 0; cut < value.length; cut++) {
                view.write(XattrRecord.NAME, ByteBuffer.wrap(value, 0, cut));
                ObjectInfo torn = storage.stat("page.html");
                assertThat(torn.metadata()).isEmpty();
                assertThat(torn.contentType()).isEqualTo("text/html; charset=utf-8");
            }
            view.write(XattrRecord.NAME, ByteBuffer.wrap("garbage\n\u0000".getBytes(StandardCharsets.UTF_8)));
            assertThat(storage.stat("page.html").metadata()).isEmpty();
            storage.put("page.html", Content.of("<p>again"), PutOptions.builder().contentType("text/x-again").build());
            assertThat(storage.stat("page.html").contentType()).isEqualTo("text/x-again");
        }
    }

    @Test
    void a_process_killed_in_the_middle_of_an_xattr_mode_write_leaves_nothing_and_the_old_record_stands()
            throws Exception {
        ObjectInfo previous;
        try (Storage storage = open("xattr")) {
            previous = storage.put("victim", Content.of("previous"), RICH);
        }
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process child = new ProcessBuilder(java, "-D" + LocalDriver.METADATA_PROPERTY + "=xattr", "-cp",
                System.getProperty("java.class.path"), CrashWriter.class.getName(), root.toString(), "victim")
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8));
            String line = out.readLine();
            while (line != null && line.startsWith("Picked up ")) { // the JVM's note about JAVA_TOOL_OPTIONS
                line = out.readLine();
            }
            assertThat(line).as("child output").isEqualTo("writing");
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        try (Storage storage = open("xattr")) {
            assertThat(storage.stat("victim")).isEqualTo(previous);
            assertThat(storage.getString("victim")).isEqualTo("previous");
            assertThat(storage.list("").map(ObjectInfo::key)).containsExactly("victim");
            try (Stream<Path> tmp = Files.walk(root.resolve(".stowage/tmp"))) {
                assertThat(tmp.filter(Files::isRegularFile)
                        .filter(p -> !p.getFileName().toString().equals(".lock")).toList()).isEmpty();
            }
            assertThat(sidecars()).isZero();
        }
    }

    @Test
    void an_unknown_mode_is_a_configuration_error() {
        assertThatThrownBy(() -> Stowage.open(DiskConfig.of("m", "local", Map.of("root", root.toString(),
                "metadata", "database")))).isInstanceOf(StorageConfigurationException.class)
                .hasMessageContaining("auto, xattr or sidecar");
    }

    @Test
    void auto_mode_uses_attributes_where_the_file_system_has_them() {
        try (Storage storage = Stowage.open(DiskConfig.of("m", "local", Map.of("root", root.toString(),
                "metadata", "auto")))) {
            assertThat(storage.unwrap(LocalDriver.class).recordsInXattrs()).isTrue();
            assertThat(storage.put("k", Content.of("v"), RICH)).isEqualTo(storage.stat("k"));
            assertThat(List.of(storage.getString("k"))).containsExactly("v");
        }
    }

    /** Just what {@link XattrRecord} and {@link FileVersions} read. */
    private record FakeAttributes(FileTime lastModifiedTime, long size)
            implements java.nio.file.attribute.BasicFileAttributes {
        @Override
        public FileTime lastAccessTime() {
            return lastModifiedTime;
        }

        @Override
        public FileTime creationTime() {
            return lastModifiedTime;
        }

        @Override
        public boolean isRegularFile() {
            return true;
        }

        @Override
        public boolean isDirectory() {
            return false;
        }

        @Override
        public boolean isSymbolicLink() {
            return false;
        }

        @Override
        public boolean isOther() {
            return false;
        }

        @Override
        public Object fileKey() {
            return "inode-42";
        }
    }
}
