package dev.stowage.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.Content;
import dev.stowage.ObjectInfo;
import dev.stowage.PutOptions;
import dev.stowage.Storage;
import dev.stowage.Stowage;
import dev.stowage.driver.memory.MemoryDriver;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TransferTest {
    private final FailingKeysDriver targetDriver = new FailingKeysDriver("target");
    private final Storage source = Stowage.open("memory://source");
    private final Storage target = Stowage.wrap(targetDriver);

    @AfterEach
    void close() {
        source.close();
        target.close();
    }

    private void seedTree() {
        source.put("docs/a.txt", Content.of("alpha"), PutOptions.builder().metadata("owner", "ann").build());
        source.put("docs/nested/b.json", Content.of("{\"b\":1}"));
        source.put("docs/empty.bin", Content.empty());
        source.put("docs/ünïcödé/日本.txt", Content.of("unicode"));
        source.put("docs/photo.png", Content.of(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 1}),
                PutOptions.builder().tag("kind", "photo").cacheControl("max-age=60").build());
        source.put("other/not-included.txt", Content.of("x"));
    }

    private List<String> keys(Storage storage, String prefix) {
        try (var s = storage.list(prefix)) {
            return s.map(ObjectInfo::key).collect(Collectors.toList());
        }
    }

    @Test
    void copy_transfers_every_object_under_the_prefix_with_type_metadata_and_tags() {
        seedTree();
        TransferReport report = Transfer.copy(source, "docs/", target, "backup/", TransferOptions.DEFAULTS);

        assertThat(report.ok()).isTrue();
        assertThat(report.objectsCopied()).isEqualTo(5);
        assertThat(keys(target, "")).containsExactly("backup/a.txt", "backup/empty.bin", "backup/nested/b.json",
                "backup/photo.png", "backup/ünïcödé/日本.txt");
        assertThat(target.getString("backup/ünïcödé/日本.txt")).isEqualTo("unicode");
        ObjectInfo a = target.stat("backup/a.txt");
        assertThat(a.metadata()).containsEntry("owner", "ann");
        assertThat(a.contentType()).startsWith("text/plain");
        ObjectInfo photo = target.stat("backup/photo.png");
        assertThat(photo.tags()).containsEntry("kind", "photo");
        assertThat(photo.cacheControl()).isEqualTo("max-age=60");
    }

    @Test
    void a_second_copy_skips_everything_already_current() {
        seedTree();
        Transfer.copy(source, "docs/", target, "", TransferOptions.DEFAULTS);
        TransferReport again = Transfer.copy(source, "docs/", target, "", TransferOptions.DEFAULTS);

        assertThat(again.objectsCopied()).isZero();
        assertThat(again.objectsSkipped()).isEqualTo(5);
    }

    @Test
    void an_interrupted_copy_run_again_copies_only_what_is_left() {
        seedTree();
        targetDriver.failingWrites.add("nested/b.json");
        targetDriver.failingWrites.add("photo.png");
        TransferReport first = Transfer.copy(source, "docs/", target, "", TransferOptions.DEFAULTS);
        assertThat(first.failures()).extracting(TransferFailure::key).containsExactlyInAnyOrder("nested/b.json",
                "photo.png");
        targetDriver.failingWrites.clear();

        TransferReport second = Transfer.copy(source, "docs/", target, "", TransferOptions.DEFAULTS);

        assertThat(second.ok()).isTrue();
        assertThat(second.objectsCopied()).isEqualTo(2);
        assertThat(second.objectsSkipped()).isEqualTo(3);
    }

    @Test
    void a_changed_source_object_of_the_same_size_is_copied_again_by_checksum() {
        source.put("k.txt", Content.of("aaaa"));
        Transfer.copy(source, "", target, "", TransferOptions.DEFAULTS);
        source.put("k.txt", Content.of("bbbb"));

        TransferReport report = Transfer.copy(source, "", target, "", TransferOptions.DEFAULTS);

        assertThat(report.objectsCopied()).isEqualTo(1);
        assertThat(target.getString("k.txt")).isEqualTo("bbbb");
    }

    @Test
    void sync_deletes_extraneous_target_objects_only_when_asked() {
        seedTree();
        target.put("stale.txt", Content.of("old"));
        Transfer.sync(source, "docs/", target, "", TransferOptions.DEFAULTS);
        assertThat(target.exists("stale.txt")).isTrue();

        TransferReport report = Transfer.sync(source, "docs/", target, "",
                TransferOptions.builder().deleteExtraneous(true).build());

        assertThat(report.objectsDeleted()).isEqualTo(1);
        assertThat(target.exists("stale.txt")).isFalse();
        assertThat(keys(target, "")).hasSize(5);
    }

    @Test
    void sync_keeps_extraneous_objects_when_any_copy_failed() {
        seedTree();
        target.put("stale.txt", Content.of("old"));
        targetDriver.failingWrites.add("a.txt");

        TransferReport report = Transfer.sync(source, "docs/", target, "",
                TransferOptions.builder().deleteExtraneous(true).build());

        assertThat(report.ok()).isFalse();
        assertThat(report.failures()).extracting(TransferFailure::key).containsExactly("a.txt");
        assertThat(target.exists("stale.txt")).isTrue();
        assertThat(report.notes()).anyMatch(n -> n.contains("kept because not every copy succeeded"));
    }

    @Test
    void migrate_empties_the_source_when_every_object_verified() {
        seedTree();
        TransferReport report = Transfer.migrate(source, "docs/", target, "moved/", TransferOptions.DEFAULTS);

        assertThat(report.ok()).isTrue();
        assertThat(report.objectsDeleted()).isEqualTo(5);
        assertThat(keys(source, "docs/")).isEmpty();
        assertThat(keys(source, "other/")).containsExactly("other/not-included.txt");
        assertThat(keys(target, "moved/")).hasSize(5);
    }

    @Test
    void a_failure_during_migrate_deletes_nothing_unverified() {
        seedTree();
        targetDriver.failingWrites.add("moved/nested/b.json");

        TransferReport report = Transfer.migrate(source, "docs/", target, "moved/", TransferOptions.DEFAULTS);

        assertThat(report.ok()).isFalse();
        assertThat(keys(source, "docs/")).containsExactly("docs/nested/b.json");
        assertThat(target.exists("moved/nested/b.json")).isFalse();
    }

    @Test
    void check_reports_missing_different_and_extra_objects_and_changes_nothing() {
        source.put("same.txt", Content.of("same"));
        source.put("missing.txt", Content.of("m"));
        source.put("different.txt", Content.of("one"));
        target.put("same.txt", Content.of("same"));
        target.put("different.txt", Content.of("two"));
        target.put("extra.txt", Content.of("e"));

        TransferReport report = Transfer.check(source, "", target, "", TransferOptions.DEFAULTS);

        assertThat(report.ok()).isFalse();
        assertThat(report.differences()).extracting(a -> a.kind() + " " + a.key()).containsExactly(
                "DIFFERENT different.txt", "EXTRA extra.txt", "MISSING missing.txt");
        assertThat(keys(target, "")).containsExactly("different.txt", "extra.txt", "same.txt");
    }

    @Test
    void a_dry_run_reports_what_would_happen_and_changes_nothing() {
        seedTree();
        target.put("stale.txt", Content.of("old"));
        List<TransferAction> actions = Collections.synchronizedList(new ArrayList<>());

        TransferReport report = Transfer.sync(source, "docs/", target, "", TransferOptions.builder().dryRun(true)
                .deleteExtraneous(true).listener(new TransferListener() {
                    @Override
                    public void onObject(TransferAction action) {
                        actions.add(action);
                    }
                }).build());

        assertThat(report.dryRun()).isTrue();
        assertThat(report.objectsCopied()).isEqualTo(5);
        assertThat(report.objectsDeleted()).isEqualTo(1);
        assertThat(actions).filteredOn(a -> a.kind() == TransferAction.Kind.WOULD_COPY).hasSize(5);
        assertThat(actions).filteredOn(a -> a.kind() == TransferAction.Kind.WOULD_DELETE)
                .extracting(TransferAction::key).containsExactly("stale.txt");
        assertThat(keys(target, "")).containsExactly("stale.txt");
    }

    @Test
    void progress_reaches_every_object_and_byte() {
        for (int i = 0; i < 50; i++) {
            source.put("p/" + i, Content.of(new byte[1000]));
        }
        List<TransferProgress> seen = Collections.synchronizedList(new ArrayList<>());

        Transfer.copy(source, "p/", target, "p/", TransferOptions.builder().listener(new TransferListener() {
            @Override
            public void onProgress(TransferProgress progress) {
                seen.add(progress);
            }
        }).build());

        assertThat(seen).hasSize(50);
        assertThat(seen.stream().mapToLong(TransferProgress::objectsDone).max().orElse(0)).isEqualTo(50);
        assertThat(seen.stream().mapToLong(TransferProgress::bytesDone).max().orElse(0)).isEqualTo(50_000);
    }

    @Test
    void a_cancelled_transfer_stops_starting_objects_and_says_so() {
        for (int i = 0; i < 100; i++) {
            source.put(String.format("c/%03d", i), Content.of("x"));
        }
        AtomicInteger polled = new AtomicInteger();

        TransferReport report = Transfer.copy(source, "c/", target, "c/",
                TransferOptions.builder().parallelism(1).cancelled(() -> polled.incrementAndGet() > 10).build());

        assertThat(report.cancelled()).isTrue();
        assertThat(report.ok()).isFalse();
        assertThat(target.unwrap(FailingKeysDriver.class).memory.count()).isLessThanOrEqualTo(10);
    }

    @Test
    void checksum_mode_compares_content_even_when_dates_and_sizes_agree() {
        Storage plainTarget = Stowage.wrap(new MemoryDriver("plain"));
        source.put("x", Content.of("abc"));
        plainTarget.put("x", Content.of("xyz"));

        TransferReport bySize = Transfer.check(source, "", plainTarget, "",
                TransferOptions.builder().changeDetection(ChangeDetection.SIZE_ONLY).build());
        TransferReport byChecksum = Transfer.check(source, "", plainTarget, "",
                TransferOptions.builder().changeDetection(ChangeDetection.CHECKSUM).build());

        assertThat(bySize.differences()).isEmpty();
        assertThat(byChecksum.differences()).extracting(TransferAction::key).containsExactly("x");
        assertThat(Map.of("report", byChecksum.summary())).extractingByKey("report").asString().contains("check");
    }

    @Test
    void download_verification_reads_the_target_back() {
        seedTree();
        TransferReport report = Transfer.copy(source, "docs/", target, "",
                TransferOptions.builder().verification(Verification.DOWNLOAD).build());
        assertThat(report.ok()).isTrue();
        assertThat(report.objectsCopied()).isEqualTo(5);
    }

    @Test
    void progress_is_reported_within_a_large_object_not_only_after_it() {
        int size = 20 << 20;
        source.put("big.bin", Content.of(new byte[size]));
        List<Long> bytesDone = Collections.synchronizedList(new ArrayList<>());

        TransferReport report = Transfer.copy(source, "", target, "", TransferOptions.builder()
                .listener(new TransferListener() {
                    @Override
                    public void onProgress(TransferProgress progress) {
                        bytesDone.add(progress.bytesDone());
                    }
                }).build());

        assertThat(report.ok()).isTrue();
        assertThat(bytesDone.stream().filter(b -> b > 0 && b < size).count()).isGreaterThanOrEqualTo(3);
        assertThat(bytesDone.getLast()).isEqualTo(size);
    }
}
