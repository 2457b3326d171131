package dev.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.Content;
import dev.stowage.ObjectInfo;
import dev.stowage.Operation;
import dev.stowage.PutOptions;
import dev.stowage.Storage;
import dev.stowage.StorageException;
import dev.stowage.Stowage;
import dev.stowage.driver.gcs.emulator.GcsEmulator;
import dev.stowage.layer.ForwardingDriver;
import dev.stowage.spi.DiskConfig;
import dev.stowage.spi.StorageDriver;
import dev.stowage.spi.WriteOptions;
import dev.stowage.transfer.Transfer;
import dev.stowage.transfer.TransferFailure;
import dev.stowage.transfer.TransferOptions;
import dev.stowage.transfer.TransferReport;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.gaul.s3proxy.S3Proxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A tree of 500 objects (nested, unicode names, empty objects, one of 64 MiB, each with metadata)
 * goes local → s3proxy → Azurite → GCS emulator → memory through {@link Transfer}, checked clean at
 * each hop; then sync with deletes, migrate, and a migrate with injected failures that must delete
 * no source object whose copy was not verified. Real servers on 127.0.0.1 throughout.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrossProviderTransferTest {
    private static final int OBJECTS = 500;
    private static final long BIG = 64L << 20;
    private static final String BIG_KEY = "tree/big/sixty-four.bin";
    private static final TransferOptions OPTIONS = TransferOptions.builder().parallelism(8).build();

    private Path dir;

    private S3Proxy proxy;
    private Fixtures.Azurite azurite;
    private GcsEmulator emulator;
    private Storage local;
    private Storage s3;
    private Storage azure;
    private Storage gcs;
    private Storage memory;
    private final List<Storage> opened = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        dir = java.nio.file.Files.createTempDirectory("cross-provider");
        proxy = Fixtures.s3proxy();
        azurite = Fixtures.azurite();
        emulator = GcsEmulator.start();
        local = keep(Stowage.open(DiskConfig.of("src", "local", Map.of("root", dir.resolve("src").toString()))));
        s3 = keep(Fixtures.s3("s3", proxy));
        azure = keep(azurite.disk("azure"));
        gcs = keep(Fixtures.gcs("gcs", emulator));
        memory = keep(Stowage.open("memory://cross-final"));
        for (int i = 0; i < OBJECTS - 1; i++) {
            local.put(key(i), Content.of(body(i)), PutOptions.builder().contentType("text/plain")
                    .metadata(Map.of("index", Integer.toString(i), "origin", "local")).build());
        }
        local.put(BIG_KEY, Content.of(new PatternStream(BIG), BIG),
                PutOptions.builder().contentType("application/octet-stream").metadata(Map.of("index", "big")).build());
    }

    private Storage keep(Storage s) {
        opened.add(s);
        return s;
    }

    @AfterAll
    void stop() throws Exception {
        for (Storage s : opened) {
            s.close();
        }
        if (azurite != null) {
            azurite.close();
        }
        if (emulator != null) {
            emulator.close();
        }
        if (proxy != null) {
            proxy.stop();
        }
        try (Stream<Path> files = java.nio.file.Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static String key(int i) {
        if (i % 25 == 0) {
            return String.format("tree/ünïcødé/日本語 %03d ✓.txt", i);
        }
        return String.format("tree/d%d/sub%d/obj-%03d.txt", i % 7, i % 3, i);
    }

    static byte[] body(int i) {
        return i % 50 == 1 ? new byte[0] : ("object " + i + " ").repeat(1 + i % 40).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @Order(1)
    void a_tree_goes_round_local_s3_azure_gcs_memory_and_checks_clean_at_every_hop() {
        Storage[] chain = {local, s3, azure, gcs, memory};
        for (int hop = 1; hop < chain.length; hop++) {
            TransferReport copy = Transfer.copy(chain[hop - 1], "", chain[hop], "", OPTIONS);
            assertThat(copy.failures()).as(copy.summary()).isEmpty();
            assertThat(copy.objectsCopied()).as(copy.summary()).isEqualTo(OBJECTS);
            TransferReport check = Transfer.check(chain[hop - 1], "", chain[hop], "", OPTIONS);
            assertThat(check.ok()).as(check.summary() + " " + check.differences()).isTrue();
            System.out.println(chain[hop - 1].name() + " -> " + chain[hop].name() + ": " + copy.summary());
        }
        TransferReport endToEnd = Transfer.check(local, "", memory, "",
                TransferOptions.builder().changeDetection(dev.stowage.transfer.ChangeDetection.CHECKSUM).build());
        assertThat(endToEnd.ok()).as(endToEnd.differences().toString()).isTrue();
        for (int i : new int[] {0, 1, 7, 250, 498}) {
            ObjectInfo info = memory.stat(key(i));
            assertThat(info.metadata()).containsEntry("index", Integer.toString(i)).containsEntry("origin", "local");
            assertThat(info.contentType()).startsWith("text/plain");
            assertThat(memory.getBytes(key(i))).isEqualTo(body(i));
        }
        assertThat(memory.stat(BIG_KEY).size()).isEqualTo(BIG);
        assertThat(memory.stat(BIG_KEY).metadata()).containsEntry("index", "big");
        TransferReport again = Transfer.copy(gcs, "", memory, "", OPTIONS);
        assertThat(again.objectsCopied()).isZero();
        assertThat(again.objectsSkipped()).isEqualTo(OBJECTS);
    }

    @Test
    @Order(2)
    void sync_with_delete_makes_the_target_match() {
        for (int i = 2; i < 12; i++) {
            local.delete(key(i));
        }
        for (int i = 20; i < 25; i++) {
            local.put(key(i), Content.of(("changed " + i).getBytes(StandardCharsets.UTF_8)));
        }
        local.put("tree/new/one.txt", Content.of("new"));

        TransferReport sync = Transfer.sync(local, "", s3, "", TransferOptions.builder().deleteExtraneous(true).build());
        TransferReport check = Transfer.check(local, "", s3, "", OPTIONS);

        assertThat(sync.failures()).isEmpty();
        assertThat(sync.objectsCopied()).as(sync.summary()).isEqualTo(6);
        assertThat(sync.objectsDeleted()).as(sync.summary()).isEqualTo(10);
        assertThat(check.ok()).as(check.differences().toString()).isTrue();
        assertThat(s3.exists(key(5))).isFalse();
    }

    @Test
    @Order(3)
    void migrate_empties_the_source_once_every_object_is_verified() {
        Storage target = keep(Stowage.open("memory://cross-migrated"));

        TransferReport migrate = Transfer.migrate(gcs, "", target, "", OPTIONS);

        assertThat(migrate.ok()).as(migrate.summary() + migrate.failures()).isTrue();
        assertThat(migrate.objectsDeleted()).isEqualTo(OBJECTS);
        assertThat(count(gcs.list(""))).isZero();
        assertThat(count(target.list(""))).isEqualTo(OBJECTS);
        assertThat(target.stat(BIG_KEY).size()).isEqualTo(BIG);
    }

    @Test
    @Order(4)
    void an_injected_failure_mid_migrate_deletes_nothing_unverified() {
        Set<String> failing = Set.of(key(100), key(101), key(300));   // the write fails
        Set<String> corrupt = Set.of(key(200), key(399));             // stored bytes differ: verification fails
        StorageDriver memoryDriver = Stowage.open("memory://cross-faulty").unwrap(StorageDriver.class);
        Storage faulty = keep(Stowage.wrap(new Faulty(memoryDriver, failing, corrupt)));

        TransferReport migrate = Transfer.migrate(azure, "", faulty, "", OPTIONS);

        Set<String> failedKeys = migrate.failures().stream().map(TransferFailure::key).collect(Collectors.toSet());
        Set<String> left;
        try (Stream<ObjectInfo> rest = azure.list("")) {
            left = rest.map(ObjectInfo::key).collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(migrate.ok()).isFalse();
        assertThat(failedKeys).containsExactlyInAnyOrderElementsOf(union(failing, corrupt));
        assertThat(left).containsExactlyInAnyOrderElementsOf(union(failing, corrupt));
        assertThat(migrate.objectsDeleted()).isEqualTo(OBJECTS - 5);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new TreeSet<>(a);
        u.addAll(b);
        return u;
    }

    private static long count(Stream<?> s) {
        try (s) {
            return s.count();
        }
    }

    /** A driver that fails some writes and stores others with one byte flipped. */
    private static final class Faulty extends ForwardingDriver {
        private final Set<String> failing;
        private final Set<String> corrupt;

        Faulty(StorageDriver delegate, Set<String> failing, Set<String> corrupt) {
            super(delegate);
            this.failing = failing;
            this.corrupt = corrupt;
        }

        @Override
        public ObjectInfo write(String key, Content content, WriteOptions options) {
            if (failing.contains(key)) {
                throw new StorageException(disk(), Operation.WRITE, key, "injected failure", null);
            }
            if (corrupt.contains(key)) {
                try {
                    InputStream flipped = new FilterInputStream(content.openStream()) {
                        private boolean first = true;

                        @Override
                        public int read(byte[] b, int off, int len) throws IOException {
                            int n = super.read(b, off, len);
                            if (n > 0 && first) {
                                b[off] ^= 0x20;
                                first = false;
                            }
                            return n;
                        }
                    };
                    return super.write(key, Content.of(flipped, content.length()), options);
                } catch (IOException e) {
                    throw new StorageException(disk(), Operation.WRITE, key, e.getMessage(), e);
                }
            }
            return super.write(key, content, options);
        }
    }

    /** {@code length} bytes of a repeating non-trivial pattern, generated as read (never held whole). */
    static final class PatternStream extends InputStream {
        private final long length;
        private long position;

        PatternStream(long length) {
            this.length = length;
        }

        @Override
        public int read() {
            if (position >= length) {
                return -1;
            }
            long p = position++;
            return (int) ((p * 31 + (p >>> 13)) & 0xff);
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= length) {
                return -1;
            }
            int n = (int) Math.min(len, length - position);
            for (int i = 0; i < n; i++) {
                long p = position + i;
                b[off + i] = (byte) (p * 31 + (p >>> 13));
            }
            position += n;
            return n;
        }
    }
}
