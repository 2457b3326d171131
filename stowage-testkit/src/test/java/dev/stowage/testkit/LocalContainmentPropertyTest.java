package dev.stowage.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.Content;
import dev.stowage.Storage;
import dev.stowage.StorageException;
import dev.stowage.Stowage;
import dev.stowage.spi.DiskConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * No key, however hostile, makes a local disk write or read outside its root: traversal
 * segments, their percent-encoded and Unicode look-alikes, backslashes, absolute paths, and
 * symbolic links planted inside the root that point out of it.
 *
 * <p>The sandbox holds the root and, beside it, an {@code outside} directory with canary files. After
 * every write the sandbox outside the root must be exactly as it was, no absolute path named by a
 * key may exist, and no read may return a canary's bytes.
 */
class LocalContainmentPropertyTest {
    private static final String CANARY = "OUTSIDE-THE-ROOT-CANARY";
    private static final String MARKER = "stowage-escape-" + UUID.randomUUID().toString().substring(0, 8);

    private static Path sandbox;
    private static Path root;
    private static Storage disk;
    private static Map<String, String> outsideBefore;

    @BeforeContainer
    static void plantTheSandbox() throws IOException {
        sandbox = Files.createTempDirectory("stowage-containment-");
        root = Files.createDirectories(sandbox.resolve("root"));
        Path outside = Files.createDirectories(sandbox.resolve("outside/sub"));
        Files.writeString(sandbox.resolve("outside/target.txt"), CANARY);
        Files.writeString(outside.resolve("secret.txt"), CANARY);
        Files.writeString(sandbox.resolve("sibling.txt"), CANARY);
        Files.createSymbolicLink(root.resolve("link-out"), sandbox.resolve("outside"));
        Files.createSymbolicLink(root.resolve("link-rel"), Path.of("../outside"));
        Files.createSymbolicLink(root.resolve("link-file"), sandbox.resolve("outside/target.txt"));
        Files.createSymbolicLink(root.resolve("link-abs"), Path.of("/"));
        Files.createDirectories(root.resolve("nested/deeper"));
        Files.createSymbolicLink(root.resolve("nested/up"), Path.of("../.."));
        Files.createSymbolicLink(root.resolve("nested/deeper/dotdot"), Path.of("../../../outside/sub"));
        disk = Stowage.open(DiskConfig.of("containment", "local", Map.of("root", root.toString(), "fsync", "false")));
        outsideBefore = snapshotOutsideTheRoot();
    }

    @AfterContainer
    static void removeTheSandbox() throws IOException {
        if (disk != null) {
            disk.close();
        }
        try (Stream<Path> paths = Files.walk(sandbox)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Every path of the sandbox outside the root, with its size and modification time. */
    private static Map<String, String> snapshotOutsideTheRoot() throws IOException {
        Map<String, String> snapshot = new TreeMap<>();
        Files.walkFileTree(sandbox, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (dir.equals(root)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                record(dir, attrs);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                record(file, attrs);
                return FileVisitResult.CONTINUE;
            }

            private void record(Path p, BasicFileAttributes a) {
                snapshot.put(sandbox.relativize(p).toString(), a.size() + "@" + a.lastModifiedTime().toMillis());
            }
        });
        return snapshot;
    }

    private static final List<String> PIECES = List.of(
            "..", ".", "...", "%2e%2e", "%2E%2E", "%2e", "..%2f", "%2f..", "%5c..", "..%5c", "%252e%252e",
            "\u2024\u2024", "\uFF0E\uFF0E", "\uFF0E", "\u2025", "\uFE52\uFE52", ".\u0301.", "..\u200b", "\u200b..", "..\uFEFF",
            ". .", ".. ", " ..", "..;", "..%00", "..\u0000", "\\..\\", "..\\..", "\\", "~", "~root", "$HOME", "${root}",
            "C:", "C:\\Windows", "\\\\server\\share", "link-out", "link-rel", "link-file", "link-abs", "nested", "up",
            "nested/up", "nested/deeper/dotdot", "deeper", "dotdot", "outside", "sibling.txt", "target.txt", "secret.txt",
            "etc", "passwd", "tmp", MARKER, "ok", "a", "file.txt", ".stowage", "meta", "\u202e", "con", "nul", "aux");

    private static final List<String> SEPARATORS = List.of("/", "/", "/", "//", "\\", "/./", "/../", "%2f", "%5c", "");

    @Provide
    Arbitrary<String> hostileKeys() {
        Arbitrary<String> piece = Arbitraries.of(PIECES);
        Arbitrary<String> separator = Arbitraries.of(SEPARATORS);
        Arbitrary<String> joined = Combinators.combine(piece.list().ofMinSize(1).ofMaxSize(6), separator.list().ofSize(6),
                Arbitraries.of("", "", "", "/", "./", "../", "\\"), Arbitraries.of("", "", "/", "/.", "/.."))
                .as((pieces, separators, lead, tail) -> {
                    StringBuilder b = new StringBuilder(lead);
                    for (int i = 0; i < pieces.size(); i++) {
                        if (i > 0) {
                            b.append(separators.get(i));
                        }
                        b.append(pieces.get(i));
                    }
                    return b.append(tail).toString();
                });
        Arbitrary<String> absolute = Arbitraries.of("/tmp/", "/", "//", "/var/tmp/", "/proc/self/", "\\\\?\\C:\\")
                .map(p -> p + MARKER);
        Arbitrary<String> viaSandbox = Arbitraries.of(sandbox.toString() + "/outside/" + MARKER,
                sandbox.toString() + "/" + MARKER, "../" + MARKER, "../outside/" + MARKER, "root/../" + MARKER);
        // valid keys that look like traversal or walk through the planted links: these reach the driver
        Arbitrary<String> lookalikes = Arbitraries.of(PIECES).filter(p -> StorageKeyRules.validSegments(p))
                .list().ofMinSize(1).ofMaxSize(5).map(list -> String.join("/", list));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, joined), net.jqwik.api.Tuple.of(2, lookalikes),
                net.jqwik.api.Tuple.of(1, absolute), net.jqwik.api.Tuple.of(1, viaSandbox));
    }

    @Property(tries = 10_000)
    void no_key_writes_or_reads_outside_the_root(@ForAll("hostileKeys") String key) throws IOException {
        try {
            disk.put(key, Content.of("written through " + key));
            Statistics.label("outcome").collect("accepted");
            // A key that is also a folder of other keys keeps its bytes in <key>/.stowage (local driver layout).
            Path stored = Files.isDirectory(root.resolve(key), LinkOption.NOFOLLOW_LINKS)
                    ? root.resolve(key).resolve(".stowage") : root.resolve(key);
            assertThat(Files.isRegularFile(stored, LinkOption.NOFOLLOW_LINKS))
                    .as("an accepted key is stored as a file below the root: %s", key).isTrue();
            assertThat(stored.toRealPath().startsWith(root.toRealPath())).isTrue();
        } catch (StorageException e) {
            Statistics.label("outcome").collect("refused");
            Statistics.label("refusal").collect(e.getClass().getSimpleName());
        }
        try {
            byte[] read = disk.getBytes(key);
            assertThat(new String(read, StandardCharsets.UTF_8)).as("read of %s", key).doesNotContain(CANARY);
        } catch (StorageException e) {
            // refused or not found: nothing leaked
        }
        assertThat(snapshotOutsideTheRoot()).as("the sandbox outside the root after writing %s", key).isEqualTo(outsideBefore);
        for (Path escaped : escapeCandidates(key)) {
            assertThat(Files.exists(escaped, LinkOption.NOFOLLOW_LINKS)).as("%s exists after writing %s", escaped, key).isFalse();
        }
        // the run must have tried both sides: keys the driver stored (inside the root) and keys it refused
        Statistics.label("outcome").coverage(coverage -> {
            coverage.check("accepted").count(n -> n > 100);
            coverage.check("refused").count(n -> n > 100);
        });
    }

    /** Which pieces are valid key segments on their own (checked by the real rules). */
    private static final class StorageKeyRules {
        static boolean validSegments(String piece) {
            return dev.stowage.StorageKey.isValid(piece);
        }
    }

    /** Places outside the sandbox a key naming the marker could have landed in. */
    private static List<Path> escapeCandidates(String key) {
        List<Path> candidates = new ArrayList<>();
        if (key.contains(MARKER)) {
            candidates.add(Path.of("/tmp", MARKER));
            candidates.add(Path.of("/var/tmp", MARKER));
            candidates.add(Path.of("/", MARKER));
            candidates.add(Path.of(MARKER).toAbsolutePath());
            candidates.add(Path.of("..", MARKER).toAbsolutePath().normalize());
        }
        return candidates;
    }
}
