package dev.stowage.driver.failover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.ByteRange;
import dev.stowage.Content;
import dev.stowage.StorageException;
import dev.stowage.driver.memory.MemoryDriver;
import dev.stowage.layer.RetryLayer;
import dev.stowage.layer.RetryPolicy;
import dev.stowage.spi.WriteOptions;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * 2,000 mixed writes and deletes through a failover disk while the primary goes down and up at
 * random (some failures strike after the primary applied the change, as when a connection is cut
 * after the commit); a reconciler runs concurrently. Afterwards every acknowledged write is on the
 * primary byte for byte, every acknowledged delete is gone, and the journal is empty.
 */
class NothingLostTest {
    private static final long SEED = 20261123L;
    private static final int OPERATIONS = 2_000;
    private static final int WORKERS = 8;
    private static final int KEYS_PER_WORKER = 40;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "journal on a {0}")
    @ValueSource(strings = {"file", "disk"})
    void every_acknowledged_write_and_delete_survives_a_flapping_primary(String journalKind) throws Exception {
        MemoryDriver primaryMemory = new MemoryDriver("primary");
        MemoryDriver fallbackMemory = new MemoryDriver("fallback");
        Outage outage = new Outage(primaryMemory);
        outage.applyThenFail = 0.3;
        RetryLayer primary = new RetryLayer(outage, RetryPolicy.DEFAULT.withMaxAttempts(2)
                .withDelays(Duration.ofMillis(1), Duration.ofMillis(2)));
        MemoryDriver journalDisk = new MemoryDriver("journal");
        FailoverDriver.Builder builder = FailoverDriver.builder("safe").primary(primary).fallback(fallbackMemory)
                .circuitBreaker(2, Duration.ofMillis(20));
        FailoverDriver failover = (journalKind.equals("file") ? builder.journal(dir.resolve("safe.journal"))
                : builder.journalOn(journalDisk)).build();

        Map<String, byte[]> expected = new ConcurrentHashMap<>(); // null value = deleted
        Map<String, Boolean> deleted = new ConcurrentHashMap<>();
        AtomicInteger writes = new AtomicInteger();
        AtomicInteger deletes = new AtomicInteger();
        AtomicInteger failedCalls = new AtomicInteger();
        AtomicInteger flips = new AtomicInteger();
        AtomicInteger maxPending = new AtomicInteger();
        AtomicInteger reconciledDuringRun = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);

        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> chaos = pool.submit(() -> {
                Random r = new Random(SEED);
                while (running.get()) {
                    outage.down = !outage.down;
                    flips.incrementAndGet();
                    Thread.sleep(1 + r.nextInt(outage.down ? 6 : 10));
                }
                return null;
            });
            Future<?> reconciler = pool.submit(() -> {
                // reconciles during the first three quarters of the run; the rest is left to the final reconcile
                while (running.get() && writes.get() + deletes.get() < OPERATIONS * 3 / 4) {
                    ReconcileReport rep = failover.reconcile();
                    reconciledDuringRun.addAndGet(rep.copied() + rep.deleted());
                    Thread.sleep(20);
                }
                return null;
            });
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                int worker = w;
                workers.add(pool.submit(() -> {
                    Random r = new Random(SEED + worker);
                    for (int op = 0; op < OPERATIONS / WORKERS; op++) {
                        String key = "w" + worker + "/k" + r.nextInt(KEYS_PER_WORKER);
                        boolean write = r.nextInt(10) < 6;
                        byte[] data = new byte[r.nextInt(4096)];
                        r.nextBytes(data);
                        Thread.sleep(r.nextInt(3));
                        while (true) { // the caller retries until acknowledged, so each key's last call is known
                            try {
                                if (write) {
                                    failover.write(key, Content.of(data), WriteOptions.of("application/octet-stream"));
                                    expected.put(key, data);
                                    deleted.remove(key);
                                    writes.incrementAndGet();
                                } else {
                                    failover.delete(key);
                                    expected.remove(key);
                                    deleted.put(key, true);
                                    deletes.incrementAndGet();
                                }
                                maxPending.accumulateAndGet(failover.pending(), Math::max);
                                break;
                            } catch (StorageException e) {
                                failedCalls.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                f.get();
            }
            running.set(false);
            chaos.get();
            reconciler.get();
        }

        int pendingBefore = failover.pending();
        outage.down = false;
        outage.applyThenFail = 0;
        Thread.sleep(30); // let the primary's circuit allow a probe
        ReconcileReport last = failover.reconcile();
        for (int i = 0; i < 10 && failover.pending() > 0; i++) {
            Thread.sleep(30);
            last = failover.reconcile();
        }

        int verified = 0;
        for (Map.Entry<String, byte[]> e : expected.entrySet()) {
            assertThat(primaryMemory.bytes(e.getKey())).as("acknowledged write of %s", e.getKey()).isEqualTo(e.getValue());
            try (InputStream in = failover.read(e.getKey(), ByteRange.ALL)) {
                assertThat(in.readAllBytes()).isEqualTo(e.getValue());
            }
            verified++;
        }
        for (String key : deleted.keySet()) {
            assertThat(primaryMemory.bytes(key)).as("acknowledged delete of %s", key).isNull();
        }
        assertThat(primaryMemory.keys()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        assertThat(failover.pending()).isZero();
        if (journalKind.equals("file")) {
            assertThat(Files.size(failover.journalFile())).isZero();
        } else {
            assertThat(journalDisk.count()).isZero();
        }
        assertThat(fallbackMemory.count()).isZero();
        primaryMemory.assertNoOpenStreams();
        fallbackMemory.assertNoOpenStreams();
        System.out.printf("nothing lost (journal on a " + journalKind + "): %d operations (%d writes, %d deletes acknowledged), %d failed calls retried by "
                + "the caller, %d primary flips, up to %d journaled at once, %d replayed during the run, %d pending at "
                + "the end replayed by the final reconcile (%s); %d keys verified byte for byte on the primary, %d "
                + "deleted keys absent, journal empty%n",
                writes.get() + deletes.get(), writes.get(), deletes.get(), failedCalls.get(), flips.get(),
                maxPending.get(), reconciledDuringRun.get(), pendingBefore, last, verified, deleted.size());
        assertThat(writes.get() + deletes.get()).isEqualTo(OPERATIONS);
        assertThat(flips.get()).isGreaterThan(10);
        failover.close();
    }
}
