package dev.stowage.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.AccessDeniedException;
import dev.stowage.Content;
import dev.stowage.Storage;
import dev.stowage.StorageConfigurationException;
import dev.stowage.driver.memory.MemoryDriver;
import dev.stowage.layer.OperationEvent;
import dev.stowage.layer.RetryLayer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

class StorageManagerTest {

    private static StowageConfig.Builder config() {
        return StowageConfig.builder().environment(Map.of()).noPropertiesFile();
    }

    @Test
    void a_disk_is_created_once_and_shared_by_concurrent_callers() throws Exception {
        try (StorageManager manager = StorageManager.of(config().disk("m", "memory", Map.of()).build());
                var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Storage>> futures = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return manager.disk("m");
                }));
            }
            start.countDown();
            Set<Storage> seen = ConcurrentHashMap.newKeySet();
            for (Future<Storage> f : futures) {
                seen.add(f.get());
            }
            assertThat(seen).hasSize(1);
            assertThat(manager.defaultDisk()).isSameAs(seen.iterator().next());
        }
    }

    @Test
    void disks_carry_the_layers_and_prefix_their_settings_ask_for() {
        StowageConfig cfg = config().disk("shared", "memory", Map.of())
                .disk("ro", "memory", Map.of("read-only", "true"))
                .disk("retrying", "memory", Map.of("retry.max-attempts", "5", "retry.base-delay", "10ms"))
                .defaultDisk("shared").build();
        try (StorageManager manager = StorageManager.of(cfg)) {
            assertThatThrownBy(() -> manager.disk("ro").put("a", Content.of("x")))
                    .isInstanceOf(AccessDeniedException.class).hasMessageContaining("read-only");
            assertThat(manager.disk("retrying").unwrap(RetryLayer.class).policy().maxAttempts()).isEqualTo(5);
            assertThat(manager.disk("ro").unwrap(MemoryDriver.class)).isNotNull();
        }
    }

    @Test
    void tenants_with_prefixes_cannot_see_each_others_keys() {
        StowageConfig cfg = config()
                .disk("a", "memory", Map.of("prefix", "tenants/a/"))
                .disk("b", "memory", Map.of("prefix", "tenants/b/")).defaultDisk("a").build();
        try (StorageManager manager = StorageManager.of(cfg)) {
            Storage a = manager.disk("a");
            a.put("doc.txt", Content.of("for a"));
            assertThat(a.unwrap(MemoryDriver.class).keys()).containsExactly("tenants/a/doc.txt");
            assertThat(a.list("").map(i -> i.key()).toList()).containsExactly("doc.txt");
            assertThat(manager.disk("b").exists("doc.txt")).isFalse();
            assertThatThrownBy(() -> a.getBytes("../b/doc.txt")).isInstanceOf(dev.stowage.InvalidKeyException.class);
        }
    }

    @Test
    void listeners_observe_every_operation_of_every_disk() {
        List<OperationEvent> events = new CopyOnWriteArrayList<>();
        try (StorageManager manager = StorageManager.of(config().disk("m", "memory", Map.of()).build(),
                List.of(events::add))) {
            manager.disk("m").put("k", Content.of("hello"));
            assertThat(manager.disk("m").getString("k")).isEqualTo("hello");
            assertThat(manager.disk("m").exists("nope")).isFalse();
        }
        assertThat(events).extracting(e -> e.operation() + ":" + e.outcome() + ":" + e.bytes())
                .containsExactly("WRITE:SUCCESS:5", "READ:SUCCESS:5", "STAT:NOT_FOUND:-1");
    }

    @Test
    void a_misconfigured_disk_fails_on_first_use_listing_every_problem() {
        StowageConfig cfg = config().disk("m", "memory", Map.of("signing-secrt", "x", "retry.max-atempts", "2",
                "timeout", "soon", "prefix", "/abs")).build();
        try (StorageManager manager = StorageManager.of(cfg)) {
            assertThatThrownBy(() -> manager.disk("m")).isInstanceOf(StorageConfigurationException.class)
                    .hasMessageContaining("unknown setting 'signing-secrt'").hasMessageContaining("did you mean 'signing-secret'")
                    .hasMessageContaining("did you mean 'retry.max-attempts'")
                    .hasMessageContaining("'timeout' must be a duration")
                    .hasMessageContaining("prefix");
        }
    }

    @Test
    void validate_names_every_disk_and_every_problem() {
        StowageConfig cfg = config()
                .disk("ok", "memory", Map.of())
                .disk("cloud", "s3", Map.of("bucket", "b"))
                .disk("typo", "memroy", Map.of())
                .set("stowage.disks.nodriver.bucket", "x")
                .defaultDisk("ok").build();
        try (StorageManager manager = StorageManager.of(cfg)) {
            assertThatThrownBy(manager::validate).isInstanceOf(StorageConfigurationException.class)
                    .hasMessageContaining("disk 'cloud'").hasMessageContaining("dev.stowage:stowage-s3")
                    .hasMessageContaining("disk 'typo'").hasMessageContaining("unknown driver 'memroy'")
                    .hasMessageContaining("disk 'nodriver'").hasMessageContaining("no driver set")
                    .message().doesNotContain("disk 'ok'");
            assertThat(manager.problems()).containsOnlyKeys("cloud", "typo", "nodriver");
        }
    }

    @Test
    void asking_for_an_unknown_disk_suggests_the_closest_name() {
        try (StorageManager manager = StorageManager.of(config().disk("uploads", "memory", Map.of()).build())) {
            assertThatThrownBy(() -> manager.disk("upload")).hasMessageContaining("did you mean 'uploads'");
        }
    }

    @Test
    void closing_the_manager_closes_every_disk_and_refuses_new_ones() {
        StorageManager manager = StorageManager.of(config().disk("m", "memory", Map.of()).build());
        manager.disk("m");
        manager.close();
        assertThatThrownBy(() -> manager.disk("m")).isInstanceOf(IllegalStateException.class);
    }
}
