package dev.stowage.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.ByteRange;
import dev.stowage.Content;
import dev.stowage.DownloadSettings;
import dev.stowage.ObjectInfo;
import dev.stowage.Operation;
import dev.stowage.PreconditionFailedException;
import dev.stowage.Storage;
import dev.stowage.StorageException;
import dev.stowage.StorageUnavailableException;
import dev.stowage.Stowage;
import dev.stowage.layer.ForwardingDriver;
import dev.stowage.spi.StorageDriver;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Storage#download} through parallel ranged reads against a real server, for drivers whose
 * {@code prefersParallelRangedReads()} is {@code true}: a 48 MiB object arrives byte-identical in
 * 8 MiB ranges, an object replaced during the download never yields a mixed file, a failing range or
 * an interrupt leaves neither the target nor a temp file. A driver's test extends it and implements
 * {@link #openStorage()}; the suite reaches the driver with {@code unwrap(StorageDriver.class)} and
 * wraps it in a forwarding driver that counts ranges and injects faults.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
public abstract class RangedDownloadContract {
    private static final int MIB = 1 << 20;
    private static final DownloadSettings SETTINGS = new DownloadSettings(16L * MIB, 8L * MIB, 4);

    /** The disk under test, open for the whole class. */
    protected Storage storage;

    private StorageDriver driver;
    private Faults faults;
    private Storage ranged;
    private String prefix;

    @TempDir
    Path dir;

    /** Opens the disk under test; closed after the last test. */
    protected abstract Storage openStorage() throws Exception;

    /** The driver under test with hooks around each pinned range read. */
    private static final class Faults extends ForwardingDriver {
        final AtomicInteger ranges = new AtomicInteger();
        final AtomicInteger opened = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        volatile IntConsumer beforeRange = n -> { };
        volatile BiFunction<Integer, InputStream, InputStream> onRange = (n, in) -> in;

        Faults(StorageDriver delegate) {
            super(delegate);
        }

        @Override
        public InputStream readIfMatch(String key, ByteRange range, String etag) {
            int n = ranges.incrementAndGet();
            beforeRange.accept(n);
            InputStream in = onRange.apply(n, super.readIfMatch(key, range, etag));
            opened.incrementAndGet();
            return new FilterInputStream(in) {
                private boolean done;

                @Override
                public void close() throws IOException {
                    if (!done) {
                        done = true;
                        closed.incrementAndGet();
                    }
                    super.close();
                }
            };
        }

        @Override
        public void close() {
            // the disk under test is closed by the suite
        }
    }

    @BeforeAll
    final void opensTheStorage() throws Exception {
        storage = openStorage();
        driver = storage.unwrap(StorageDriver.class);
        prefix = "ranged-" + UUID.randomUUID().toString().substring(0, 8) + "/";
    }

    @BeforeEach
    final void wrapsTheDriver() {
        faults = new Faults(driver);
        ranged = Stowage.wrap(faults, 16, SETTINGS);
    }

    @AfterEach
    final void deletesWhatTheTestWrote() {
        storage.deletePrefix(prefix);
    }

    @AfterAll
    final void closesTheStorage() {
        if (storage != null) {
            storage.close();
        }
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    private void replace(String key, int size, long seed) {
        storage.put(key, Content.of(random(size, seed)));
    }

    @Test
    void the_driver_asks_for_parallel_ranged_downloads() {
        assertThat(driver.prefersParallelRangedReads()).isTrue();
    }

    @Test
    void a_48_mib_object_arrives_byte_identical_as_six_parallel_ranges() throws IOException {
        byte[] data = random(48 * MIB, 1);
        String key = prefix + "big.bin";
        storage.put(key, Content.of(data));
        Path target = dir.resolve("big.bin");

        assertThat(ranged.download(key, target)).isEqualTo(data.length);

        assertThat(Files.mismatch(target, writeExpected(data))).isEqualTo(-1);
        assertThat(faults.ranges.get()).isEqualTo(6);
        assertThat(faults.closed.get()).isEqualTo(faults.opened.get()).isEqualTo(6);
        assertThat(files()).containsExactlyInAnyOrder(target, dir.resolve("expected"));
    }

    private Path writeExpected(byte[] data) throws IOException {
        return Files.write(dir.resolve("expected"), data);
    }

    @Test
    void a_pinned_range_of_a_replaced_object_fails_with_precondition_failed() {
        String key = prefix + "pinned.bin";
        replace(key, 1000, 2);
        ObjectInfo old = storage.stat(key);
        replace(key, 1000, 3);

        assertThatThrownBy(() -> driver.readIfMatch(key, ByteRange.of(0, 99), old.etag()).close())
                .isInstanceOf(PreconditionFailedException.class).hasMessageContaining(key);
    }

    @Test
    void an_object_replaced_mid_download_starts_over_once_and_yields_the_new_version_whole() throws IOException {
        String key = prefix + "replaced-once.bin";
        replace(key, 24 * MIB, 4);
        byte[] second = random(20 * MIB + 3, 5);
        faults.beforeRange = n -> {
            if (n == 2) {
                storage.put(key, Content.of(second));
            }
        };
        Path target = dir.resolve("replaced-once.bin");

        assertThat(ranged.download(key, target)).isEqualTo(second.length);

        assertThat(Files.mismatch(target, writeExpected(second))).isEqualTo(-1);
    }

    @Test
    void an_object_replaced_on_every_attempt_fails_cleanly_naming_disk_key_and_operation() throws IOException {
        String key = prefix + "replaced.bin";
        replace(key, 24 * MIB, 6);
        AtomicInteger version = new AtomicInteger();
        faults.beforeRange = n -> {
            if (n % 3 == 2) {
                replace(key, 24 * MIB, 100 + version.incrementAndGet());
            }
        };

        assertThatThrownBy(() -> ranged.download(key, dir.resolve("replaced.bin")))
                .isInstanceOf(PreconditionFailedException.class)
                .hasMessageContaining(storage.name()).hasMessageContaining(key).hasMessageContaining("changed")
                .satisfies(e -> assertThat(((StorageException) e).operation()).isEqualTo(Operation.READ));
        assertThat(files()).isEmpty();
        assertThat(version.get()).isGreaterThanOrEqualTo(2);
        assertThat(faults.closed.get()).isEqualTo(faults.opened.get());
    }

    @Test
    void a_failing_range_fails_the_download_and_leaves_no_temp_file() throws IOException {
        String key = prefix + "failing.bin";
        replace(key, 40 * MIB, 7);
        faults.beforeRange = n -> {
            if (n == 3) {
                throw new StorageUnavailableException(storage.name(), Operation.READ, key, "injected: connection reset",
                        null);
            }
        };

        assertThatThrownBy(() -> ranged.download(key, dir.resolve("failing.bin")))
                .isInstanceOf(StorageUnavailableException.class).hasMessageContaining("injected");
        assertThat(files()).isEmpty();
        assertThat(faults.closed.get()).isEqualTo(faults.opened.get());
    }

    @Test
    @Timeout(60)
    void interrupting_the_caller_cancels_every_range_and_leaves_no_file() throws Exception {
        String key = prefix + "interrupted.bin";
        replace(key, 40 * MIB, 8);
        CountDownLatch hanging = new CountDownLatch(1);
        faults.onRange = (n, in) -> n != 2 ? in : new FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                hanging.countDown();
                try {
                    Thread.sleep(120_000); // a range that hangs until cancelled
                } catch (InterruptedException e) {
                    throw new InterruptedIOException("cancelled");
                }
                return super.read(b, off, len);
            }
        };
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                ranged.download(key, dir.resolve("interrupted.bin"));
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        assertThat(hanging.await(30, TimeUnit.SECONDS)).isTrue();
        long start = System.nanoTime();
        caller.interrupt();
        caller.join(30_000);

        assertThat(caller.isAlive()).isFalse();
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(20);
        assertThat(thrown.get()).isInstanceOf(StorageException.class).hasMessageContaining("interrupted");
        assertThat(files()).isEmpty();
        assertThat(faults.closed.get()).isEqualTo(faults.opened.get());
    }
}
