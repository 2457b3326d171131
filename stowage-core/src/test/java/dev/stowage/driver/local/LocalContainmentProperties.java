package dev.stowage.driver.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.AccessDeniedException;
import dev.stowage.Content;
import dev.stowage.InvalidKeyException;
import dev.stowage.ObjectNotFoundException;
import dev.stowage.Storage;
import dev.stowage.StorageKey;
import dev.stowage.Stowage;
import dev.stowage.spi.DiskConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * For 10,000 hostile keys, no write through the front end lands outside the root: every key is
 * either rejected (by {@link StorageKey} or the driver) or stored as a file strictly inside the
 * root, and the file system outside the root, including the targets of links planted inside it,
 * is byte for byte untouched.
 */
class LocalContainmentProperties {
    private static Path base;
    private static Path root;
    private static Path outside;
    private static Storage storage;
    private static Map<String, String> outsideBefore;

    @BeforeContainer
    static void setUp() throws IOException {
        base = Files.createTempDirectory("stowage-containment");
        outside = Files.createDirectories(base.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.createDirectories(outside.resolve("etc"));
        Files.writeString(outside.resolve("etc/passwd"), "root:x:0:0");
        root = base.resolve("root");
        storage = Stowage.open(DiskConfig.of("hostile", "local", Map.of("root", root.toString(), "fsync", "false")));
        Files.createSymbolicLink(root.resolve("escape"), outside);
        Files.createSymbolicLink(root.resolve("file-link"), outside.resolve("secret.txt"));
        Files.createDirectories(root.resolve("inner"));
        Files.createSymbolicLink(root.resolve("inner/up"), Path.of("../.."));
        Files.createSymbolicLink(root.resolve("abs"), Path.of("/"));
        outsideBefore = snapshotOutside();
    }

    @AfterContainer
    static void tearDown() throws IOException {
        storage.close();
        try (Stream<Path> files = Files.walk(base)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Every path outside the root (the root's siblings and the whole outside tree), with file contents. */
    private static Map<String, String> snapshotOutside() {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> top = Files.list(base); Stream<Path> all = Files.walk(outside)) {
            Stream.concat(top, all).filter(p -> !p.equals(root)).forEach(p -> {
                try {
                    files.put(base.relativize(p).toString(), Files.isRegularFile(p) ? Files.readString(p) : "<dir>");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    @Provide
    Arbitrary<String> hostileKeys() {
        Arbitrary<String> segment = Arbitraries.oneOf(
                Arbitraries.of("..", ".", "...", "%2e%2e", "%2E%2E", "%2e", "..%2f", "%2f..", "%5c..", "..%5c",
                        "\u2024\u2024", "\uFF0E\uFF0E", "\u2025", "\uFE52\uFE52", ".\u200B.", "..\u0000",
                        "\u0000", "\n", "\r", "\t", "\u007F", "\u0085", "\\", "..\\..", "C:", "C:\\Windows", "~",
                        "~root", "$HOME", "etc", "passwd", "secret.txt", "escape", "file-link", "inner", "up",
                        "abs", "outside", "root", ".stowage", "meta", "tmp", ".lock", "a", "b", "é", "😀",
                        "\uD800", "x".repeat(300), "é".repeat(130), " ", "%00", "con", "nul", "a/b"),
                Arbitraries.strings().withChars("./\\%2eE\u2024\uFF0E~:").ofMinLength(1).ofMaxLength(8));
        Arbitrary<String> separator = Arbitraries.of("/", "/", "/", "//", "\\", "", "/./", "/../");
        return Combinators.combine(segment.list().ofMinSize(1).ofMaxSize(6), separator.list().ofSize(6),
                Arbitraries.of("", "", "", "/", "./", "../", "\\", "//")).as((segments, separators, lead) -> {
                    StringBuilder b = new StringBuilder(lead);
                    for (int i = 0; i < segments.size(); i++) {
                        if (i > 0) {
                            b.append(separators.get(i));
                        }
                        b.append(segments.get(i));
                    }
                    return b.toString();
                });
    }

    @Property(tries = 10_000)
    void no_hostile_key_writes_outside_the_root(@ForAll("hostileKeys") String key) throws IOException {
        boolean valid = StorageKey.isValid(key);
        net.jqwik.api.statistics.Statistics.collect(valid ? "valid key" : "invalid key");
        try {
            storage.put(key, Content.of("planted"));
            assertThat(valid).as("stored although StorageKey rejects it: %s", key).isTrue();
            Path file = root.resolve(key).normalize();
            assertThat(file.startsWith(root) && !file.equals(root)).isTrue();
            assertThat(file.toRealPath()).startsWith(root.toRealPath());
            // a key that is also a folder (an earlier try wrote "a/b", this one "a") lives in its self file
            Path data = Files.isDirectory(file, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? LocalLayout.self(file) : file;
            assertThat(Files.readString(data)).isEqualTo("planted");
            assertThat(storage.getString(key)).isEqualTo("planted");
        } catch (InvalidKeyException | AccessDeniedException e) {
            // refused: by the key rules, the reserved directory, segment length or a link on the path
        }
        try {
            storage.getBytes(key);
        } catch (InvalidKeyException | AccessDeniedException | ObjectNotFoundException e) {
            // fine: reads are refused or miss, never reach outside
        }
        assertThat(snapshotOutside()).as("outside the root after key %s", key).isEqualTo(outsideBefore);
    }

    @Property(tries = 2_000)
    void hostile_keys_given_straight_to_the_driver_are_rejected_the_same_way(@ForAll("hostileKeys") String key) {
        LocalDriver driver = storage.unwrap(LocalDriver.class);
        if (!StorageKey.isValid(key)) {
            try {
                driver.write(key, Content.of("raw"), dev.stowage.spi.WriteOptions.of("text/plain"));
                throw new AssertionError("the driver accepted an invalid key: " + key);
            } catch (InvalidKeyException e) {
                assertThat(e.key()).isNotNull();
            }
        }
        assertThat(snapshotOutside()).isEqualTo(outsideBefore);
    }
}
