package dev.stowage.driver.s3.ceph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.Content;
import dev.stowage.ListRequest;
import dev.stowage.ObjectInfo;
import dev.stowage.Page;
import dev.stowage.Storage;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Listing and deleting 2,505 keys on RGW through the {@code ceph} preset: pagination across RGW's
 * 1,000-key pages, delimiter roll-up into folders across pages, and deletes beyond the 1,000 keys of
 * one DeleteObjects request. The keys are written once; the tests run in order, deletes last.
 */
@ExtendWith(CephRgwExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RgwManyKeysTest {

    private static final String ROOT = "many/";
    private static final int FOLDERS = 5;
    private static final int PER_FOLDER = 500;

    private S3Client admin;
    private String bucket;
    private Storage storage;
    private final List<String> keys = new ArrayList<>();

    @BeforeAll
    void writeTheKeys(RgwEndpoint rgw) throws Exception {
        admin = RgwClients.checksumsWhenRequired(rgw);
        bucket = RgwClients.bucketName("many");
        admin.createBucket(b -> b.bucket(bucket));
        storage = RgwDisks.open(rgw, bucket, java.util.Map.of());
        for (int i = 0; i < FOLDERS * PER_FOLDER; i++) {
            keys.add(ROOT + "d" + (i % FOLDERS) + "/k" + String.format("%04d", i));
        }
        for (int i = 0; i < FOLDERS; i++) {
            keys.add(ROOT + "top" + i);
        }
        byte[] body = {'x'};
        try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
            List<Future<ObjectInfo>> done = new ArrayList<>();
            for (String k : keys) {
                done.add(pool.submit(() -> storage.put(k, Content.of(body))));
            }
            for (Future<ObjectInfo> f : done) {
                f.get();
            }
        }
    }

    @AfterAll
    void deleteTheBucket() {
        if (storage != null) {
            storage.close();
        }
        if (admin != null) {
            RgwTestSupport.emptyAndDelete(admin, bucket);
            admin.close();
        }
    }

    @Test
    @Order(1)
    void paging_2505_keys_1000_at_a_time_sees_each_key_once_in_order() {
        List<String> seen = new ArrayList<>();
        int pages = 0;
        Page page = storage.list(ListRequest.prefix(ROOT).limit(1000));
        while (true) {
            pages++;
            page.objects().forEach(o -> seen.add(o.key()));
            if (!page.hasMore()) {
                break;
            }
            page = storage.list(ListRequest.prefix(ROOT).limit(1000).after(page.nextCursor()));
        }

        assertThat(seen).containsExactlyElementsOf(new TreeSet<>(keys));
        assertThat(pages).isEqualTo(3);
    }

    @Test
    @Order(2)
    void listing_with_a_delimiter_rolls_2500_keys_up_into_five_folders_across_small_pages() {
        List<String> folders = new ArrayList<>();
        List<String> files = new ArrayList<>();
        Page page = storage.list(ListRequest.prefix(ROOT).folders().limit(3));
        folders.addAll(page.prefixes());
        page.objects().forEach(o -> files.add(o.key()));
        while (page.hasMore()) {
            page = storage.list(ListRequest.prefix(ROOT).folders().limit(3).after(page.nextCursor()));
            folders.addAll(page.prefixes());
            page.objects().forEach(o -> files.add(o.key()));
        }

        assertThat(folders).containsExactly(ROOT + "d0/", ROOT + "d1/", ROOT + "d2/", ROOT + "d3/", ROOT + "d4/");
        assertThat(files).containsExactly(ROOT + "top0", ROOT + "top1", ROOT + "top2", ROOT + "top3", ROOT + "top4");
    }

    @Test
    @Order(3)
    void streaming_a_folder_lists_all_its_500_keys() {
        assertThat(storage.list(ROOT + "d3/").map(ObjectInfo::key)).hasSize(PER_FOLDER).allMatch(k -> k.startsWith(ROOT + "d3/"));
    }

    @Test
    @Order(4)
    void deleting_1500_keys_at_once_removes_exactly_them() {
        List<String> victims = keys.stream().filter(k -> k.matches(".*/d[012]/.*")).toList();
        assertThat(victims).hasSize(1500);

        storage.deleteAll(victims);

        assertThat(storage.list(ROOT).count()).isEqualTo(keys.size() - 1500);
        assertThat(admin.listObjectsV2(b -> b.bucket(bucket).prefix(ROOT + "d1/")).keyCount()).isZero();
    }

    @Test
    @Order(5)
    void deleting_a_prefix_counts_what_it_removed() {
        assertThat(storage.deletePrefix(ROOT)).isEqualTo(keys.size() - 1500);

        assertThat(storage.list(ROOT).count()).isZero();
    }
}
