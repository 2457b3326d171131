package dev.stowage.driver.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.Content;
import dev.stowage.ObjectAlreadyExistsException;
import dev.stowage.ObjectInfo;
import dev.stowage.PreconditionFailedException;
import dev.stowage.PutOptions;
import dev.stowage.Storage;
import dev.stowage.Stowage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalConcurrencyTest {
    @TempDir
    Path root;
    Storage storage;

    @BeforeEach
    void open() {
        storage = Stowage.open(root.toUri());
    }

    @AfterEach
    void close() {
        storage.close();
    }

    @RepeatedTest(3)
    void of_64_threads_racing_a_create_only_write_exactly_one_wins() throws Exception {
        int threads = 64;
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger won = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int i = 0; i < threads; i++) {
                String body = "writer-" + i;
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        storage.put("race/key", Content.of(body), PutOptions.builder().contentType("text/x-" + body)
                                .ifNoneMatch().build());
                        won.incrementAndGet();
                    } catch (ObjectAlreadyExistsException e) {
                        refused.incrementAndGet();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
        }
        assertThat(won).hasValue(1);
        assertThat(refused).hasValue(threads - 1);
        String body = storage.getString("race/key");
        assertThat(storage.stat("race/key").contentType()).isEqualTo("text/x-" + body);
        try (Stream<Path> sidecars = Files.walk(root.resolve(".stowage/meta"))) {
            assertThat(sidecars.filter(Files::isRegularFile).count()).as("sidecars: only the winner's, if any")
                    .isEqualTo(storage.unwrap(LocalDriver.class).recordsInXattrs() ? 0 : 1);
        }
        assertNoTempDebris();
    }

    @Test
    void compare_and_swap_increments_from_many_threads_lose_no_update() throws Exception {
        storage.put("counter", Content.of("0"), PutOptions.builder().metadata(Map.of("n", "0")).build());
        int threads = 16;
        int perThread = 25;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        while (true) {
                            ObjectInfo current = storage.stat("counter"); // etag and metadata of one version
                            String next = Integer.toString(Integer.parseInt(current.metadata().get("n")) + 1);
                            try {
                                storage.put("counter", Content.of(next), PutOptions.builder()
                                        .metadata(Map.of("n", next)).ifMatch(current.etag()).build());
                                break;
                            } catch (PreconditionFailedException e) {
                                // lost the race: read again
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
        assertThat(storage.getString("counter")).isEqualTo(Integer.toString(threads * perThread));
        assertThat(storage.stat("counter").metadata()).containsEntry("n", Integer.toString(threads * perThread));
        assertNoTempDebris();
    }

    @Test
    void concurrent_writers_readers_and_deleters_of_one_key_always_see_a_whole_version_with_its_own_metadata()
            throws Exception {
        int versions = 300;
        AtomicInteger inconsistencies = new AtomicInteger();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> writer = pool.submit(() -> {
                for (int i = 0; i < versions; i++) {
                    String body = "v" + i + "-" + "x".repeat(i % 50);
                    storage.put("hot", Content.of(body), PutOptions.builder().contentType("text/x-v" + i)
                            .metadata(Map.of("length", Integer.toString(body.length()))).build());
                    if (i % 37 == 0) {
                        storage.delete("hot");
                    }
                }
                return null;
            });
            List<Future<?>> readers = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                readers.add(pool.submit(() -> {
                    while (!writer.isDone()) {
                        try {
                            ObjectInfo info = storage.stat("hot");
                            if (info.metadata().containsKey("length")
                                    && Long.parseLong(info.metadata().get("length")) != info.size()) {
                                inconsistencies.incrementAndGet();
                            }
                            String body = storage.getString("hot");
                            if (!body.matches("v\\d+-x*")) {
                                inconsistencies.incrementAndGet();
                            }
                        } catch (dev.stowage.ObjectNotFoundException e) {
                            // deleted meanwhile
                        }
                    }
                    return null;
                }));
            }
            writer.get();
            for (Future<?> f : readers) {
                f.get();
            }
        }
        assertThat(inconsistencies).hasValue(0);
        assertNoTempDebris();
    }

    private void assertNoTempDebris() throws Exception {
        try (Stream<Path> files = Files.walk(root.resolve(".stowage/tmp"))) {
            assertThat(files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals(".lock")))
                    .isEmpty();
        }
    }
}
