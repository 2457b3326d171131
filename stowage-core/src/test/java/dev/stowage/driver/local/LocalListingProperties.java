package dev.stowage.driver.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.Content;
import dev.stowage.ListRequest;
import dev.stowage.ObjectInfo;
import dev.stowage.Page;
import dev.stowage.Storage;
import dev.stowage.Stowage;
import dev.stowage.driver.memory.MemoryDriver;
import dev.stowage.spi.DiskConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The local driver lists exactly as the memory driver (the reference) does, for keys chosen to
 * stress UTF-8 byte order ({@code a-b} < {@code a.b} < {@code a/} < {@code a0}, characters above
 * U+FFFF), every prefix, delimiter, limit and cursor, page after page.
 */
class LocalListingProperties {
    private static Path base;
    private static int counter;

    @BeforeContainer
    static void setUp() throws IOException {
        base = Files.createTempDirectory("stowage-listing");
    }

    @AfterContainer
    static void tearDown() throws IOException {
        try (Stream<Path> files = Files.walk(base)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Provide
    Arbitrary<List<String>> keySets() {
        Arbitrary<String> segment = Arbitraries.of("a", "b", "a-b", "a.b", "a0", "ab", "b~", "é", "😀", "\uFFFD\u0041",
                "\uE000", "z", "A", "a b");
        Arbitrary<String> key = segment.list().ofMinSize(1).ofMaxSize(4).map(s -> String.join("/", s));
        return key.list().ofMinSize(0).ofMaxSize(40).uniqueElements();
    }

    @Provide
    Arbitrary<String> prefixes() {
        return Arbitraries.of("", "", "a", "a/", "a-", "a.b/", "b", "é", "😀/", "a/a", "a/b/", "z/", "\uE000");
    }

    @Provide
    Arbitrary<String> delimiters() {
        return Arbitraries.of("/").injectNull(0.4);
    }

    @Property(tries = 150)
    void pages_equal_the_memory_drivers_pages(@ForAll("keySets") List<String> keys, @ForAll("prefixes") String prefix,
            @ForAll("delimiters") String delimiter, @ForAll @IntRange(min = 1, max = 7) int limit) {
        Path root = base.resolve("t" + (counter++));
        try (Storage local = Stowage.open(DiskConfig.of("l", "local", Map.of("root", root.toString(), "fsync", "false")));
                Storage memory = Stowage.wrap(new MemoryDriver("m"))) {
            for (String k : keys) {
                local.put(k, Content.of(k));
                memory.put(k, Content.of(k));
            }
            String cursor = null;
            for (int page = 0; page < 100; page++) {
                ListRequest request = ListRequest.prefix(prefix).limit(limit);
                if (delimiter != null) {
                    request = request.delimiter(delimiter);
                }
                if (cursor != null) {
                    request = request.after(cursor);
                }
                Page expected = memory.list(request);
                Page actual = local.list(request);
                assertThat(keysOf(actual)).as("objects of page %d", page).isEqualTo(keysOf(expected));
                assertThat(actual.prefixes()).as("prefixes of page %d", page).isEqualTo(expected.prefixes());
                assertThat(actual.nextCursor()).as("cursor of page %d", page).isEqualTo(expected.nextCursor());
                if (!expected.hasMore()) {
                    break;
                }
                cursor = expected.nextCursor();
            }
            assertThat(local.list(prefix).map(ObjectInfo::key).toList())
                    .isEqualTo(memory.list(prefix).map(ObjectInfo::key).toList());
        }
    }

    @Property(tries = 100)
    void any_cursor_resumes_where_the_memory_driver_resumes(@ForAll("keySets") List<String> keys,
            @ForAll("prefixes") String prefix, @ForAll("delimiters") String delimiter,
            @ForAll("prefixes") String cursorBase, @ForAll @IntRange(min = 0, max = 3) int cursorShape) {
        String cursor = switch (cursorShape) {
            case 0 -> cursorBase.isEmpty() ? "a" : cursorBase;
            case 1 -> cursorBase + "/";
            case 2 -> keys.isEmpty() ? "b" : keys.get(keys.size() / 2);
            default -> (keys.isEmpty() ? "a" : keys.get(0)) + "-";
        };
        if (cursor.startsWith("/") || cursor.contains("//")) {
            cursor = "a";
        }
        Path root = base.resolve("c" + (counter++));
        try (Storage local = Stowage.open(DiskConfig.of("l", "local", Map.of("root", root.toString(), "fsync", "false")));
                Storage memory = Stowage.wrap(new MemoryDriver("m"))) {
            for (String k : keys) {
                local.put(k, Content.of(k));
                memory.put(k, Content.of(k));
            }
            ListRequest request = ListRequest.prefix(prefix).limit(1000).after(cursor);
            if (delimiter != null) {
                request = request.delimiter(delimiter);
            }
            Page expected = memory.list(request);
            Page actual = local.list(request);
            assertThat(keysOf(actual)).isEqualTo(keysOf(expected));
            assertThat(actual.prefixes()).isEqualTo(expected.prefixes());
            assertThat(actual.nextCursor()).isEqualTo(expected.nextCursor());
        }
    }

    private static List<String> keysOf(Page page) {
        return page.objects().stream().map(ObjectInfo::key).toList();
    }
}
