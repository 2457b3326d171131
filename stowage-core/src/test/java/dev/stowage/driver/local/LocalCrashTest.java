package dev.stowage.driver.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.Content;
import dev.stowage.ObjectInfo;
import dev.stowage.PutOptions;
import dev.stowage.Storage;
import dev.stowage.StorageException;
import dev.stowage.Stowage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCrashTest {
    @TempDir
    Path root;

    /** A stream that yields {@code size} bytes and then fails. */
    private static InputStream failingAfter(long size) {
        return new InputStream() {
            private long left = size;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0];
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    throw new IOException("the network went away");
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 'y');
                left -= n;
                return n;
            }
        };
    }

    @Test
    void a_write_whose_content_fails_midway_leaves_no_file_and_keeps_the_previous_version() throws IOException {
        try (Storage storage = Stowage.open(root.toUri())) {
            assertThatThrownBy(() -> storage.put("fresh/key", Content.of(failingAfter(1 << 20))))
                    .isInstanceOf(StorageException.class).hasMessageContaining("fresh/key");
            assertThat(storage.exists("fresh/key")).isFalse();
            assertThat(Files.exists(root.resolve("fresh/key"))).isFalse();

            ObjectInfo old = storage.put("kept", Content.of("old"), PutOptions.builder().contentType("text/x-old")
                    .metadata(Map.of("v", "1")).build());
            assertThatThrownBy(() -> storage.put("kept", Content.of(failingAfter(300_000)),
                    PutOptions.builder().contentType("text/x-new").build())).isInstanceOf(StorageException.class);
            assertThat(storage.getString("kept")).isEqualTo("old");
            assertThat(storage.stat("kept")).isEqualTo(old);
            assertThat(tempFiles()).isEmpty();
        }
    }

    @Test
    void an_interrupted_write_leaves_no_file_and_no_temp_file() throws Exception {
        try (Storage storage = Stowage.open(root.toUri())) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread writer = Thread.ofPlatform().start(() -> {
                try {
                    storage.put("interrupted", Content.of(new InputStream() {
                        @Override
                        public int read() {
                            return 'z';
                        }

                        @Override
                        public int read(byte[] b, int off, int len) {
                            java.util.Arrays.fill(b, off, off + len, (byte) 'z');
                            return len;
                        }
                    }));
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            Thread.sleep(200);
            writer.interrupt();
            writer.join(10_000);
            assertThat(writer.isAlive()).isFalse();
            assertThat(failure.get()).isInstanceOf(StorageException.class);
            assertThat(storage.exists("interrupted")).isFalse();
            assertThat(tempFiles()).isEmpty();
        }
    }

    @Test
    void a_process_killed_in_the_middle_of_a_write_leaves_no_visible_file_and_its_debris_is_swept_on_restart()
            throws Exception {
        try (Storage storage = Stowage.open(root.toUri())) {
            storage.put("victim", Content.of("previous"));
        }
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashWriter.class.getName(), root.toString(), "victim").redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8));
            String line = out.readLine();
            while (line != null && line.startsWith("Picked up ")) { // the JVM's note about JAVA_TOOL_OPTIONS
                line = out.readLine();
            }
            assertThat(line).as("child output").isEqualTo("writing");
            assertThat(tempFiles()).as("the child's temp file while it writes").isNotEmpty();
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        List<Path> debris = tempFiles();
        assertThat(debris).as("temp files left by the killed process").isNotEmpty();
        try (Storage storage = Stowage.open(root.toUri())) {
            assertThat(storage.getString("victim")).isEqualTo("previous");
            assertThat(storage.list("").map(ObjectInfo::key)).containsExactly("victim");
            assertThat(tempFiles()).as("debris after restart").isEmpty();
            for (Path p : debris) {
                assertThat(Files.exists(p)).isFalse();
            }
        }
    }

    @Test
    void a_second_driver_on_the_same_root_does_not_sweep_the_temp_files_of_a_live_one() throws IOException {
        try (Storage first = Stowage.open(root.toUri())) {
            LocalDriver driver = first.unwrap(LocalDriver.class);
            Path inFlight = Files.list(root.resolve(".stowage/tmp")).findFirst().orElseThrow().resolve("in-flight");
            Files.writeString(inFlight, "partial");
            try (Storage second = Stowage.open(root.toUri())) {
                assertThat(Files.exists(inFlight)).isTrue();
                second.put("k", Content.of("v"));
            }
            assertThat(driver.root()).isEqualTo(root.toRealPath());
            assertThat(Files.exists(inFlight)).isTrue();
        }
        try (Storage third = Stowage.open(root.toUri())) {
            assertThat(tempFiles()).isEmpty();
        }
    }

    @Test
    void a_crash_after_the_sidecar_and_before_the_rename_keeps_the_old_version_with_its_own_metadata()
            throws IOException {
        try (Storage storage = Stowage.open(sidecarMode())) {
            ObjectInfo old = storage.put("doc", Content.of("old"), PutOptions.builder().contentType("text/x-old")
                    .metadata(Map.of("v", "1")).build());
            // What a writer that died between its two renames leaves: a sidecar whose newest record
            // describes a data file that never arrived.
            LocalDriver driver = storage.unwrap(LocalDriver.class);
            LocalLayout layout = new LocalLayout("x", driver.root(), new LocalErrors("x"));
            Sidecar.Record ghost = new Sidecar.Record("ffff-3-1", "AAAAAA==", "text/x-new", null, null,
                    Map.of("v", "2"), Map.of());
            Files.write(layout.sidecar("doc", ghost.etag()), new Sidecar("doc", List.of(ghost)).encode());
            assertThat(storage.stat("doc")).isEqualTo(old);
        }
        try (Storage reopened = Stowage.open(sidecarMode())) {
            assertThat(reopened.stat("doc").contentType()).isEqualTo("text/x-old");
            assertThat(reopened.getString("doc")).isEqualTo("old");
        }
    }

    @Test
    void a_torn_or_foreign_sidecar_never_yields_wrong_metadata() throws IOException {
        try (Storage storage = Stowage.open(sidecarMode())) {
            storage.put("page.html", Content.of("<p>"), PutOptions.builder().contentType("text/x-custom")
                    .metadata(Map.of("v", "1")).build());
            LocalDriver driver = storage.unwrap(LocalDriver.class);
            Path sidecarFile = new LocalLayout("x", driver.root(), new LocalErrors("x")).sidecar("page.html",
                    storage.stat("page.html").etag());
            byte[] bytes = Files.readAllBytes(sidecarFile);
            Files.write(sidecarFile, java.util.Arrays.copyOf(bytes, bytes.length / 2));
            ObjectInfo torn = storage.stat("page.html");
            assertThat(torn.contentType()).isEqualTo("text/html; charset=utf-8"); // detected from the name
            assertThat(torn.metadata()).isEmpty();
            Files.writeString(sidecarFile, "garbage\n\u0000");
            assertThat(storage.stat("page.html").metadata()).isEmpty();
            storage.put("page.html", Content.of("<p>again"), PutOptions.builder().contentType("text/x-again").build());
            assertThat(storage.stat("page.html").contentType()).isEqualTo("text/x-again");
        }
    }

    @Test
    void a_conversion_to_a_folder_cut_short_by_a_crash_is_finished_on_restart() throws IOException {
        try (Storage storage = Stowage.open(root.toUri())) {
            storage.put("other", Content.of("x"));
        }
        // What a process killed inside toFolder leaves: the object moved into its staging folder,
        // not yet renamed to its key, in the temp area of a dead instance (an unlocked .lock).
        Path dead = Files.createDirectories(root.resolve(".stowage/tmp/1-deadbeef0000"));
        Files.writeString(dead.resolve(".lock"), "");
        Path work = Files.createDirectories(dead.resolve("7"));
        Files.writeString(work.resolve("key"), "docs/report");
        Files.createDirectories(work.resolve("folder"));
        Files.writeString(work.resolve("folder/.stowage"), "the report");
        // and one damaged record, which must not keep the disk from opening
        Path damaged = Files.createDirectories(dead.resolve("8/folder"));
        Files.writeString(dead.resolve("8/key"), "../escape");
        Files.writeString(damaged.resolve(".stowage"), "lost");
        try (Storage storage = Stowage.open(root.toUri())) {
            assertThat(storage.getString("docs/report")).isEqualTo("the report");
            assertThat(storage.list("").map(ObjectInfo::key)).containsExactly("docs/report", "other");
            assertThat(Files.exists(dead)).isFalse();
            storage.put("docs/report/appendix", Content.of("a"));
            assertThat(storage.getString("docs/report")).isEqualTo("the report");
        }
    }

    private java.net.URI sidecarMode() {
        return java.net.URI.create(root.toUri() + "?metadata=sidecar");
    }

    private List<Path> tempFiles() throws IOException {
        Path tmp = root.resolve(".stowage/tmp");
        if (!Files.exists(tmp)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(tmp)) {
            return new ArrayList<>(files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().equals(".lock")).toList());
        }
    }
}
