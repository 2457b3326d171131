package dev.stowage.driver.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.Content;
import dev.stowage.ObjectNotFoundException;
import dev.stowage.PutOptions;
import dev.stowage.Storage;
import dev.stowage.StorageConfigurationException;
import dev.stowage.StorageUnavailableException;
import dev.stowage.Stowage;
import dev.stowage.config.StorageManager;
import dev.stowage.config.StowageConfig;
import dev.stowage.driver.memory.MemoryDriver;
import dev.stowage.layer.TimeoutLayer;
import dev.stowage.spi.WriteOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailoverDriverTest {

    @TempDir
    Path dir;

    private final MemoryDriver primaryMemory = new MemoryDriver("primary");
    private final MemoryDriver fallbackMemory = new MemoryDriver("fallback");
    private final Outage primary = new Outage(primaryMemory);
    private FailoverDriver failover;

    private FailoverDriver open() {
        return FailoverDriver.builder("safe").primary(primary).fallback(fallbackMemory)
                .journal(dir.resolve("safe.journal")).circuitBreaker(3, Duration.ofMillis(50)).build();
    }

    @AfterEach
    void close() {
        if (failover != null) {
            failover.close();
        }
    }

    /** Brings the primary back and waits until its circuit lets a probe through. */
    private void recover() throws InterruptedException {
        primary.down = false;
        Thread.sleep(60);
    }

    private static WriteOptions text() {
        return WriteOptions.of("text/plain");
    }

    @Test
    void a_write_during_an_outage_lands_on_the_fallback_journaled_and_comes_back_on_reconcile() throws Exception {
        failover = open();
        primary.down = true;
        failover.write("a.txt", Content.of("during outage"), text());
        assertThat(fallbackMemory.keys()).containsExactly("a.txt");
        assertThat(failover.pending()).isEqualTo(1);
        assertThat(Files.readString(failover.journalFile())).startsWith("P ").contains("a.txt");
        try (var in = failover.read("a.txt", dev.stowage.ByteRange.ALL)) {
            assertThat(new String(in.readAllBytes())).isEqualTo("during outage");
        }

        primary.down = false;
        ReconcileReport report = failover.reconcile();
        assertThat(report.copied()).isEqualTo(1);
        assertThat(report.remaining()).isZero();
        assertThat(primaryMemory.bytes("a.txt")).isEqualTo("during outage".getBytes());
        assertThat(fallbackMemory.count()).isZero();
        assertThat(Files.size(failover.journalFile())).isZero();
        fallbackMemory.assertNoOpenStreams();
    }

    @Test
    void reads_see_their_own_writes_and_deletes_before_reconcile() throws Exception {
        failover = open();
        failover.write("k", Content.of("old"), text());
        primary.down = true;
        failover.write("k", Content.of("new"), text());
        failover.write("gone", Content.of("x"), text());
        failover.delete("gone");
        recover();
        // the primary is back but still has the old value: the journal knows better
        assertThat(failover.stat("k").etag()).isEqualTo(fallbackMemory.stat("k").etag());
        assertThat(primaryMemory.bytes("k")).isEqualTo("old".getBytes());
        assertThat(fallbackMemory.bytes("k")).isEqualTo("new".getBytes());
        assertThatThrownBy(() -> failover.stat("gone")).isInstanceOf(ObjectNotFoundException.class);
        failover.reconcile();
        assertThat(primaryMemory.bytes("k")).isEqualTo("new".getBytes());
        assertThat(primaryMemory.keys()).containsExactly("k");
    }

    @Test
    void listings_show_journaled_writes_and_hide_journaled_deletes_page_by_page() throws Exception {
        failover = open();
        for (String k : java.util.List.of("a", "c", "e", "g", "dir/x")) {
            failover.write(k, Content.of(k), text());
        }
        primary.down = true;
        failover.write("b", Content.of("b"), text());
        failover.write("f", Content.of("f"), text());
        failover.write("dir2/y", Content.of("y"), text());
        failover.delete("c");
        recover();
        java.util.List<String> flat = new java.util.ArrayList<>();
        String cursor = null;
        do {
            dev.stowage.Page page = failover.list(new dev.stowage.spi.ListQuery("", null, cursor, 2));
            assertThat(page.objects().size()).isLessThanOrEqualTo(2);
            page.objects().forEach(o -> flat.add(o.key()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(flat).containsExactly("a", "b", "dir/x", "dir2/y", "e", "f", "g");
        dev.stowage.Page folders = failover.list(new dev.stowage.spi.ListQuery("", "/", null, 100));
        assertThat(folders.prefixes()).containsExactly("dir/", "dir2/");
        assertThat(folders.objects()).extracting(dev.stowage.ObjectInfo::key).containsExactly("a", "b", "e", "f", "g");
        failover.reconcile();
        assertThat(failover.list(new dev.stowage.spi.ListQuery("", null, null, 100)).objects())
                .extracting(dev.stowage.ObjectInfo::key).containsExactly("a", "b", "dir/x", "dir2/y", "e", "f", "g");
    }

    @Test
    void a_delete_during_an_outage_is_replayed_on_the_primary() {
        failover = open();
        failover.write("doomed", Content.of("x"), text());
        primary.down = true;
        assertThat(failover.delete("doomed")).isTrue();
        assertThat(primaryMemory.keys()).containsExactly("doomed");
        primary.down = false;
        assertThat(failover.reconcile().deleted()).isEqualTo(1);
        assertThat(primaryMemory.count()).isZero();
        assertThat(failover.pending()).isZero();
    }

    @Test
    void a_write_to_the_recovered_primary_supersedes_the_journaled_one() {
        failover = open();
        primary.down = true;
        failover.write("k", Content.of("v1"), text());
        primary.down = false;
        failover.write("k", Content.of("v2"), text());
        assertThat(failover.pending()).isZero();
        assertThat(fallbackMemory.count()).isZero();
        failover.reconcile();
        assertThat(primaryMemory.bytes("k")).isEqualTo("v2".getBytes());
    }

    @Test
    void conditional_writes_are_not_failed_over() {
        failover = open();
        primary.down = true;
        Storage s = Stowage.wrap(failover);
        assertThatThrownBy(() -> s.put("k", Content.of("x"), PutOptions.builder().ifNoneMatch().build()))
                .isInstanceOf(StorageUnavailableException.class)
                .satisfies(e -> assertThat(e.getSuppressed()).anyMatch(n -> n.getMessage().contains("conditional")));
        assertThat(fallbackMemory.count()).isZero();
    }

    @Test
    void a_single_use_stream_fails_over_when_the_primary_never_read_it() {
        failover = open();
        primary.down = true;
        failover.write("s", Content.of(new java.io.ByteArrayInputStream("streamed".getBytes()), 8), text());
        assertThat(fallbackMemory.bytes("s")).isEqualTo("streamed".getBytes());
    }

    @Test
    void an_open_circuit_makes_a_dead_primary_cost_one_fast_failure() {
        Outage hanging = new Outage(primaryMemory);
        hanging.hangMillis = 5_000;
        failover = FailoverDriver.builder("safe").primary(new TimeoutLayer(hanging, Duration.ofMillis(200)))
                .fallback(fallbackMemory).journal(dir.resolve("j")).circuitBreaker(1, Duration.ofMinutes(1)).build();
        long t0 = System.nanoTime();
        failover.write("first", Content.of("1"), text());
        long first = System.nanoTime() - t0;
        long t1 = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            failover.write("k" + i, Content.of("x"), text());
        }
        long next50 = System.nanoTime() - t1;
        System.out.printf("circuit breaker: first failing write %d ms, next 50 writes %d ms in all, primary called %d time(s)%n",
                first / 1_000_000, next50 / 1_000_000, hanging.calls.get());
        assertThat(hanging.calls.get()).isEqualTo(1);
        assertThat(failover.primaryState()).isEqualTo(CircuitBreaker.State.OPEN);
        // one timeout per call would be 50 x 200 ms; what remains is the journal's fsync per write
        assertThat(Duration.ofNanos(next50)).isLessThan(Duration.ofMillis(50 * 200 / 4));
    }

    @Test
    void failover_completes_well_under_five_seconds_from_the_first_failure() throws Exception {
        Outage hanging = new Outage(primaryMemory);
        failover = FailoverDriver.builder("safe").primary(new TimeoutLayer(hanging, Duration.ofSeconds(1)))
                .fallback(fallbackMemory).journal(dir.resolve("j")).circuitBreaker(3, Duration.ofSeconds(30)).build();
        for (int i = 0; i < 20; i++) {
            failover.write("warm" + i, Content.of("x"), text());
        }
        hanging.hangMillis = 60_000; // the primary stops answering
        long failureStart = System.nanoTime();
        int i = 0;
        long firstFallbackAck = -1;
        long breakerOpenAt = -1;
        while (breakerOpenAt < 0 && i < 100) {
            failover.write("during" + i++, Content.of("y"), text());
            if (firstFallbackAck < 0 && failover.pending() > 0) {
                firstFallbackAck = System.nanoTime();
            }
            if (failover.primaryState() == CircuitBreaker.State.OPEN) {
                breakerOpenAt = System.nanoTime();
            }
        }
        long t = System.nanoTime();
        failover.write("fast", Content.of("z"), text());
        long fastWrite = System.nanoTime() - t;
        Duration firstAck = Duration.ofNanos(firstFallbackAck - failureStart);
        Duration fullFailover = Duration.ofNanos(breakerOpenAt - failureStart);
        System.out.printf("failover time: first write acknowledged by the fallback after %d ms; circuit open "
                + "(every later call skips the primary) after %d ms; next write took %.2f ms%n",
                firstAck.toMillis(), fullFailover.toMillis(), fastWrite / 1e6);
        assertThat(fullFailover).isLessThan(Duration.ofSeconds(5));
        // far below the primary's 1 s timeout: the open circuit skips it (what remains is the journal's fsync)
        assertThat(Duration.ofNanos(fastWrite)).isLessThan(Duration.ofMillis(500));
    }

    @Test
    void the_journal_survives_a_restart_and_ignores_a_torn_last_line() throws Exception {
        failover = open();
        primary.down = true;
        failover.write("a", Content.of("A"), text());
        failover.write("b", Content.of("B"), text());
        failover.close();
        // a crash in the middle of an append leaves a line without its newline
        Files.writeString(dir.resolve("safe.journal"), "P 99 0 1 - torn", StandardOpenOption.APPEND);

        failover = open();
        assertThat(failover.pending()).isEqualTo(2);
        primary.down = false;
        assertThat(failover.reconcile().copied()).isEqualTo(2);
        assertThat(primaryMemory.keys()).containsExactly("a", "b");
        assertThat(Files.readString(dir.resolve("safe.journal"))).isEmpty();
    }

    @Test
    void reconcile_resumes_after_a_crash_between_copying_and_marking_done_without_losing_or_duplicating() {
        failover = open();
        primary.down = true;
        failover.write("x", Content.of("payload"), text());
        primary.down = false;
        // what a crashed reconcile leaves behind: copied to the primary, fallback copy removed, record not done
        primaryMemory.write("x", Content.of("payload"), text());
        fallbackMemory.delete("x");
        failover.close();

        failover = open();
        ReconcileReport report = failover.reconcile();
        assertThat(report.failed()).isZero();
        assertThat(report.remaining()).isZero();
        assertThat(primaryMemory.bytes("x")).isEqualTo("payload".getBytes(StandardCharsets.UTF_8));
        // running it again is a no-op
        assertThat(failover.reconcile()).isEqualTo(new ReconcileReport(0, 0, 0, 0, java.util.List.of()));
    }

    @Test
    void the_background_reconciler_copies_back_once_the_primary_returns() throws Exception {
        failover = FailoverDriver.builder("safe").primary(primary).fallback(fallbackMemory)
                .journal(dir.resolve("bg.journal")).circuitBreaker(3, Duration.ofMillis(20))
                .reconcileEvery(Duration.ofMillis(25)).build();
        primary.down = true;
        failover.write("k", Content.of("v"), text());
        Thread.sleep(100);
        assertThat(failover.pending()).isEqualTo(1);
        primary.down = false;
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (failover.pending() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(failover.pending()).isZero();
        assertThat(primaryMemory.bytes("k")).isEqualTo("v".getBytes());
    }

    @Test
    void a_journal_kept_on_a_disk_survives_a_restart_and_empties_on_reconcile() {
        MemoryDriver journalDisk = new MemoryDriver("journal");
        failover = FailoverDriver.builder("safe").primary(primary).fallback(fallbackMemory).journalOn(journalDisk)
                .build();
        primary.down = true;
        failover.write("a", Content.of("A1"), text());
        failover.write("a", Content.of("A2"), text());
        failover.write("b", Content.of("B"), text());
        failover.delete("b");
        assertThat(journalDisk.keys()).hasSize(2).allMatch(k -> k.startsWith("failover-journal/safe/"));
        failover.close();

        failover = FailoverDriver.builder("safe").primary(primary).fallback(fallbackMemory).journalOn(journalDisk)
                .build();
        assertThat(failover.pending()).isEqualTo(2);
        assertThat(failover.journalLocation()).contains("journal");
        primary.down = false;
        ReconcileReport report = failover.reconcile();
        assertThat(report.copied()).isEqualTo(1);
        assertThat(report.deleted()).isEqualTo(1);
        assertThat(primaryMemory.bytes("a")).isEqualTo("A2".getBytes());
        assertThat(journalDisk.count()).isZero();
    }

    @Test
    void reads_fall_back_on_a_missing_key_only_when_configured() {
        fallbackMemory.write("only-there", Content.of("spare"), text());
        failover = open();
        assertThatThrownBy(() -> failover.stat("only-there")).isInstanceOf(ObjectNotFoundException.class)
                .satisfies(e -> assertThat(((dev.stowage.StorageException) e).disk()).isEqualTo("safe"));
        failover.close();
        failover = FailoverDriver.builder("safe").primary(primary).fallback(fallbackMemory)
                .journal(dir.resolve("safe.journal")).readFallbackOnMissing(true).build();
        assertThat(failover.stat("only-there").size()).isEqualTo(5);
        assertThat(failover.stat("only-there").disk()).isEqualTo("safe");
    }

    @Test
    void a_local_disk_is_a_fallback_that_survives_the_process() throws Exception {
        StowageConfig cfg = StowageConfig.builder().environment(Map.of()).noPropertiesFile()
                .disk("main", "memory", Map.of())
                .disk("spare", "local", Map.of("root", dir.resolve("spare").toString()))
                .disk("safe", "failover", Map.of("primary", "main", "fallbacks", "spare",
                        "journal", dir.resolve("local.journal").toString()))
                .defaultDisk("safe").build();
        try (StorageManager m = StorageManager.of(cfg)) {
            m.validate();
            MemoryDriver main = m.disk("main").unwrap(MemoryDriver.class);
            Outage down = new Outage(main);
            down.down = true;
            // the same wiring the manager builds, with the primary taken down
            try (FailoverDriver safe = FailoverDriver.builder("safe").primary(down)
                    .fallback(m.disk("spare").unwrap(dev.stowage.spi.StorageDriver.class))
                    .journal(dir.resolve("local2.journal")).build()) {
                safe.write("report.pdf", Content.of("pdf bytes"), WriteOptions.of("application/pdf"));
                assertThat(Files.readString(dir.resolve("spare").resolve("report.pdf"))).isEqualTo("pdf bytes");
                down.down = false;
                assertThat(safe.reconcile().copied()).isEqualTo(1);
                assertThat(main.bytes("report.pdf")).isEqualTo("pdf bytes".getBytes());
                assertThat(Files.exists(dir.resolve("spare").resolve("report.pdf"))).isFalse();
            }
        }
    }

    @Test
    void reconcile_stops_when_the_primary_goes_away_again_and_keeps_the_rest() {
        failover = open();
        primary.down = true;
        for (int i = 0; i < 5; i++) {
            failover.write("k" + i, Content.of("v" + i), text());
        }
        ReconcileReport report = failover.reconcile();
        assertThat(report.remaining()).isEqualTo(5);
        assertThat(report.copied()).isZero();
    }

    @Test
    void a_failover_disk_is_configured_by_name_and_validated() {
        StowageConfig cfg = StowageConfig.builder().environment(Map.of()).noPropertiesFile()
                .disk("main", "memory", Map.of()).disk("spare", "memory", Map.of())
                .disk("safe", "failover", Map.of("primary", "main", "fallbacks", "spare",
                        "journal", dir.resolve("cfg.journal").toString(), "open-duration", "2s"))
                .disk("ondisk", "failover", Map.of("primary", "main", "fallbacks", "spare", "journal-disk", "spare"))
                .disk("broken", "failover", Map.of("primary", "nope", "fallbacs", "spare"))
                .defaultDisk("safe").build();
        try (StorageManager m = StorageManager.of(cfg)) {
            Storage safe = m.disk("safe");
            safe.put("k", Content.of("v"));
            assertThat(m.disk("main").unwrap(MemoryDriver.class).keys()).containsExactly("k");
            assertThat(safe.unwrap(FailoverDriver.class).journalFile()).isEqualTo(dir.resolve("cfg.journal"));
            assertThatThrownBy(() -> m.disk("broken")).isInstanceOf(StorageConfigurationException.class)
                    .hasMessageContaining("'fallbacks'").hasMessageContaining("did you mean 'fallbacks'")
                    .hasMessageContaining("disk 'nope', which is not configured");
            assertThatThrownBy(() -> m.disk("ondisk")).hasMessageContaining("must not be a member");
        }
    }
}
