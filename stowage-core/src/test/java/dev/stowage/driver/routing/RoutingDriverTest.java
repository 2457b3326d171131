package dev.stowage.driver.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.Content;
import dev.stowage.ListRequest;
import dev.stowage.ObjectInfo;
import dev.stowage.Page;
import dev.stowage.PutOptions;
import dev.stowage.SignedUrlOptions;
import dev.stowage.Storage;
import dev.stowage.StorageConfigurationException;
import dev.stowage.config.StorageManager;
import dev.stowage.config.StowageConfig;
import dev.stowage.driver.memory.MemoryDriver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RoutingDriverTest {

    private final StorageManager manager = StorageManager.of(StowageConfig.builder().environment(Map.of())
            .noPropertiesFile()
            .disk("local", "memory", Map.of())
            .disk("media", "memory", Map.of())
            .disk("s3", "memory", Map.of())
            .disk("files", "routing", Map.of("rules[0]", "temp/** -> local", "rules[1]", "**/*.{jpg,png,gif} -> media",
                    "rules[2]", "** -> s3"))
            .defaultDisk("files").build());

    @AfterEach
    void close() {
        manager.close();
    }

    private MemoryDriver member(String name) {
        return manager.disk(name).unwrap(MemoryDriver.class);
    }

    @Test
    void globs_match_segments_alternatives_and_any_depth() {
        Glob g = Glob.compile("**/*.{jpg,png}");
        assertThat(g.matches("a.jpg")).isTrue();
        assertThat(g.matches("x/y/b.png")).isTrue();
        assertThat(g.matches("a.gif")).isFalse();
        assertThat(Glob.compile("temp/*").matches("temp/a/b")).isFalse();
        assertThat(Glob.compile("temp/**").matches("temp/a/b")).isTrue();
        assertThat(Glob.compile("a?c").matches("abc")).isTrue();
        assertThat(Glob.compile("a.c").matches("abc")).isFalse();
    }

    @Test
    void every_operation_goes_to_the_disk_that_owns_the_key_first_rule_winning() {
        Storage files = manager.disk("files");
        files.put("temp/upload.jpg", Content.of("t"));
        files.put("photos/cat.jpg", Content.of("c"));
        files.put("docs/readme.txt", Content.of("r"));
        assertThat(member("local").keys()).containsExactly("temp/upload.jpg");
        assertThat(member("media").keys()).containsExactly("photos/cat.jpg");
        assertThat(member("s3").keys()).containsExactly("docs/readme.txt");
        assertThat(files.getString("photos/cat.jpg")).isEqualTo("c");
        assertThat(files.stat("docs/readme.txt").disk()).isEqualTo("files");
        assertThat(files.delete("temp/upload.jpg")).isTrue();
        assertThat(member("local").count()).isZero();
        assertThat(files.signedUrl("photos/cat.jpg", SignedUrlOptions.get(Duration.ofMinutes(1))).toString())
                .contains("cat.jpg");
    }

    @Test
    void copy_and_move_across_owners_stream_the_bytes_and_keep_metadata() {
        Storage files = manager.disk("files");
        files.put("docs/pic.jpg.txt", Content.of("hello"), PutOptions.builder().contentType("text/plain")
                .metadata(Map.of("owner", "ann")).build());
        ObjectInfo copied = files.copy("docs/pic.jpg.txt", "temp/pic.txt");
        assertThat(copied.disk()).isEqualTo("files");
        assertThat(member("local").bytes("temp/pic.txt")).isEqualTo("hello".getBytes());
        assertThat(files.stat("temp/pic.txt").metadata()).containsEntry("owner", "ann");
        files.move("temp/pic.txt", "gallery/pic.png");
        assertThat(member("local").count()).isZero();
        assertThat(member("media").keys()).containsExactly("gallery/pic.png");
        assertThat(files.stat("gallery/pic.png").contentType()).isEqualTo("text/plain");
        member("s3").assertNoOpenStreams();
        member("local").assertNoOpenStreams();
    }

    @Test
    void a_copy_across_owners_hands_the_target_a_stream_of_known_length_not_a_buffered_copy() {
        List<Content> received = new ArrayList<>();
        MemoryDriver target = new MemoryDriver("target");
        dev.stowage.spi.StorageDriver recording = new dev.stowage.layer.ForwardingDriver(target) {
            @Override
            public ObjectInfo write(String key, Content content, dev.stowage.spi.WriteOptions options) {
                received.add(content);
                return super.write(key, content, options);
            }
        };
        MemoryDriver source = new MemoryDriver("source");
        byte[] big = new byte[3 << 20];
        new java.util.Random(1).nextBytes(big);
        source.write("big.bin", Content.of(big), dev.stowage.spi.WriteOptions.of("application/octet-stream"));
        RoutingDriver routing = RoutingDriver.builder("r").route("copies/**", recording).route("**", source).build();
        routing.copy("big.bin", "copies/big.bin");
        assertThat(received).singleElement().isInstanceOf(Content.Stream.class)
                .satisfies(c -> assertThat(c.length()).isEqualTo(big.length));
        assertThat(target.bytes("copies/big.bin")).isEqualTo(big);
        source.assertNoOpenStreams();
    }

    @Test
    void listing_merges_the_members_in_key_order_with_a_working_cursor() {
        Storage files = manager.disk("files");
        List<String> keys = List.of("a.jpg", "b.txt", "temp/1", "temp/2", "x/c.png", "x/d.txt", "x/y/e.gif", "z");
        keys.forEach(k -> files.put(k, Content.of(k)));
        // a key stored on a member that does not own it never shows
        member("s3").write("temp/stray", Content.of("s"), dev.stowage.spi.WriteOptions.of("text/plain"));

        assertThat(files.list("").map(ObjectInfo::key).toList()).containsExactlyElementsOf(new TreeSet<>(keys));
        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            Page page = files.list(ListRequest.prefix("").limit(3).after(cursor));
            page.objects().forEach(o -> paged.add(o.key()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(paged).containsExactlyElementsOf(new TreeSet<>(keys));

        List<String> folders = new ArrayList<>();
        cursor = null;
        do {
            Page page = files.list(ListRequest.prefix("").folders().limit(2).after(cursor));
            page.objects().forEach(o -> folders.add(o.key()));
            folders.addAll(page.prefixes());
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(folders).containsExactlyInAnyOrder("a.jpg", "b.txt", "temp/", "x/", "z");
        assertThat(files.list("x/").map(ObjectInfo::key).toList()).containsExactly("x/c.png", "x/d.txt", "x/y/e.gif");
    }

    @Test
    void a_routing_disk_without_a_fallback_rule_or_with_unknown_disks_lists_every_problem() {
        StowageConfig cfg = StowageConfig.builder().environment(Map.of()).noPropertiesFile()
                .disk("local", "memory", Map.of())
                .disk("bad", "routing", Map.of("rules[0]", "temp/** -> local", "rules[1]", "**/*.jpg -> nowhere",
                        "rules[2]", "garbage"))
                .defaultDisk("local").build();
        try (StorageManager m = StorageManager.of(cfg)) {
            assertThatThrownBy(() -> m.disk("bad")).isInstanceOf(StorageConfigurationException.class)
                    .hasMessageContaining("'nowhere', which is not configured")
                    .hasMessageContaining("not of the form")
                    .hasMessageContaining("fallback rule");
        }
    }

    @Test
    void disks_that_route_to_each_other_are_reported_as_a_cycle() {
        StowageConfig cfg = StowageConfig.builder().environment(Map.of()).noPropertiesFile()
                .disk("a", "routing", Map.of("rules", "** -> b"))
                .disk("b", "routing", Map.of("rules", "x/** -> a; ** -> b2"))
                .disk("b2", "memory", Map.of())
                .defaultDisk("a").build();
        try (StorageManager m = StorageManager.of(cfg)) {
            assertThatThrownBy(() -> m.disk("a")).isInstanceOf(StorageConfigurationException.class)
                    .hasMessageContaining("cycle").hasMessageContaining("a -> b -> a");
        }
    }
}
