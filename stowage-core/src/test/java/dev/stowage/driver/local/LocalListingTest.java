package dev.stowage.driver.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.Content;
import dev.stowage.ListRequest;
import dev.stowage.ObjectInfo;
import dev.stowage.Page;
import dev.stowage.Storage;
import dev.stowage.Stowage;
import dev.stowage.spi.DiskConfig;
import dev.stowage.spi.KeyOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalListingTest {
    Path root;
    Storage storage;
    List<String> keys = new ArrayList<>();

    @BeforeAll
    void write10000Keys(@TempDir Path dir) {
        root = dir;
        storage = Stowage.open(DiskConfig.of("big", "local", Map.of("root", root.toString(), "fsync", "false")));
        for (int i = 0; i < 4000; i++) {
            keys.add(String.format("flat/%05d", i));
        }
        for (int d = 0; d < 60; d++) {
            for (int i = 0; i < 100; i++) {
                keys.add(String.format("tree/%02d/%s/%03d.txt", d, i % 2 == 0 ? "even" : "odd", i));
            }
        }
        for (String k : keys) {
            storage.put(k, Content.empty());
        }
        keys.sort(KeyOrder.COMPARATOR);
    }

    @AfterAll
    void close() {
        storage.close();
    }

    @Test
    void ten_thousand_keys_list_in_order_page_by_page_without_quadratic_cost() {
        assertThat(keys).hasSize(10_000);
        long start = System.nanoTime();
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            ListRequest request = ListRequest.prefix("").limit(100);
            Page page = storage.list(cursor == null ? request : request.after(cursor));
            page.objects().forEach(o -> seen.add(o.key()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);
        long pagedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(seen).isEqualTo(keys);
        assertThat(pages).isEqualTo(100);
        // 100 pages over 10,000 keys: each page reads the directories on the cursor's path once and
        // stats only what it returns. Quadratic behaviour (re-stat'ing every key per page) takes far longer.
        assertThat(pagedMillis).as("ms for 100 pages").isLessThan(20_000);

        start = System.nanoTime();
        assertThat(storage.list("").map(ObjectInfo::key).toList()).isEqualTo(keys);
        assertThat(storage.list("tree/").count()).isEqualTo(6000);
        System.out.printf("listing 10,000 keys: %d ms in pages of 100, %d ms as a stream (pages of 1000)%n",
                pagedMillis, (System.nanoTime() - start) / 1_000_000);
    }

    @Test
    void delimiter_listing_reads_one_level_and_rolls_up_folders() {
        Page top = storage.list(ListRequest.prefix("").delimiter("/"));
        assertThat(top.objects()).isEmpty();
        assertThat(top.prefixes()).containsExactly("flat/", "tree/");
        Page tree = storage.list(ListRequest.prefix("tree/").delimiter("/").limit(25));
        assertThat(tree.prefixes()).hasSize(25).startsWith("tree/00/", "tree/01/");
        assertThat(tree.nextCursor()).isEqualTo("tree/24/");
        Page next = storage.list(ListRequest.prefix("tree/").delimiter("/").limit(1000).after(tree.nextCursor()));
        assertThat(next.prefixes()).hasSize(35).startsWith("tree/25/");
        assertThat(next.hasMore()).isFalse();
        Page partial = storage.list(ListRequest.prefix("tree/0").delimiter("/"));
        assertThat(partial.prefixes()).hasSize(10).first().isEqualTo("tree/00/");
    }

    @Test
    void empty_folders_left_by_other_tools_are_not_common_prefixes() throws Exception {
        Files.createDirectories(root.resolve("tree/99/empty/deeper"));
        Page tree = storage.list(ListRequest.prefix("tree/").delimiter("/").limit(1000));
        assertThat(tree.prefixes()).hasSize(60).doesNotContain("tree/99/");
        assertThat(storage.list("tree/99/").count()).isZero();
    }

    @Test
    void listings_report_size_last_modified_and_the_same_etag_as_stat() {
        Page page = storage.list(ListRequest.prefix("flat/0000").limit(3));
        assertThat(page.objects()).hasSize(3);
        for (ObjectInfo listed : page.objects()) {
            ObjectInfo stat = storage.stat(listed.key());
            assertThat(listed.etag()).isEqualTo(stat.etag());
            assertThat(listed.size()).isEqualTo(stat.size());
            assertThat(listed.lastModified()).isEqualTo(stat.lastModified());
            assertThat(listed.disk()).isEqualTo("big");
        }
    }
}
