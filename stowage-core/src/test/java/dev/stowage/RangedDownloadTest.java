package dev.stowage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.driver.memory.MemoryDriver;
import dev.stowage.layer.ForwardingDriver;
import dev.stowage.spi.Checksums;
import dev.stowage.spi.DiskConfig;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Storage#download} through parallel ranges, on the memory driver forced into the ranged
 * path by a forwarding driver that answers {@code prefersParallelRangedReads() = true} and lets each
 * test change what a range read does.
 */
class RangedDownloadTest {
    private static final DownloadSettings SMALL = new DownloadSettings(1 << 20, 256 << 10, 4);

    @TempDir
    Path dir;

    private final MemoryDriver memory = new MemoryDriver("mem");
    private final Ranged driver = new Ranged(memory);
    private final Storage storage = Stowage.wrap(driver, 16, SMALL);

    /** The memory driver claiming to prefer parallel ranged reads; {@code onRange} may replace each read. */
    static final class Ranged extends ForwardingDriver {
        final AtomicInteger ranges = new AtomicInteger();
        volatile IntConsumer beforeRange = n -> { };
        volatile BiFunction<Integer, InputStream, InputStream> onRange = (n, in) -> in;

        Ranged(MemoryDriver delegate) {
            super(delegate);
        }

        @Override
        public boolean prefersParallelRangedReads() {
            return true;
        }

        @Override
        public InputStream readIfMatch(String key, ByteRange range, String etag) {
            int n = ranges.incrementAndGet();
            beforeRange.accept(n);
            InputStream in = super.readIfMatch(key, range, etag);
            return onRange.apply(n, in);
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

    @Test
    void a_large_object_arrives_byte_identical_as_parallel_ranges() throws IOException {
        byte[] data = random(40 * (1 << 20) + 12345, 1);
        storage.put("big.bin", Content.of(data));
        Path target = dir.resolve("big.bin");

        assertThat(storage.download("big.bin", target)).isEqualTo(data.length);

        assertThat(Files.readAllBytes(target)).isEqualTo(data);
        assertThat(driver.ranges.get()).isEqualTo(161); // 40 MiB + 12345 bytes in 256 KiB parts
        assertThat(files()).containsExactly(target);
        memory.assertNoOpenStreams();
    }

    @Test
    void objects_below_the_threshold_and_disks_that_prefer_one_stream_download_sequentially() throws IOException {
        byte[] data = random(3 << 20, 2);
        storage.put("small.bin", Content.of(random(512 << 10, 3)));
        storage.download("small.bin", dir.resolve("small.bin"));
        assertThat(driver.ranges.get()).isZero();

        memory.write("big.bin", Content.of(data), dev.stowage.spi.WriteOptions.from(PutOptions.DEFAULTS, "x/y"));
        Stowage.wrap(new ForwardingDriver(memory) {
            @Override
            public InputStream readIfMatch(String key, ByteRange range, String etag) {
                throw new AssertionError("a memory disk must not be read in ranges");
            }
        }, 16, SMALL).download("big.bin", dir.resolve("big.bin"));
        assertThat(Files.readAllBytes(dir.resolve("big.bin"))).isEqualTo(data);
    }

    @Test
    void an_object_replaced_mid_download_starts_over_once_and_yields_the_new_version_whole() throws IOException {
        byte[] first = random(3 << 20, 4);
        byte[] second = random((3 << 20) + 77, 5);
        storage.put("doc.bin", Content.of(first));
        driver.beforeRange = n -> {
            if (n == 3) {
                memory.write("doc.bin", Content.of(second), dev.stowage.spi.WriteOptions.from(PutOptions.DEFAULTS,
                        "application/octet-stream"));
            }
        };
        Path target = dir.resolve("doc.bin");

        assertThat(storage.download("doc.bin", target)).isEqualTo(second.length);

        assertThat(Files.readAllBytes(target)).isEqualTo(second);
        assertThat(files()).containsExactly(target);
        memory.assertNoOpenStreams();
    }

    @Test
    void an_object_replaced_on_every_attempt_fails_naming_disk_and_key_and_leaves_no_file() throws IOException {
        storage.put("doc.bin", Content.of(random(3 << 20, 6)));
        AtomicInteger version = new AtomicInteger();
        driver.beforeRange = n -> {
            if (n % 3 == 0) {
                memory.write("doc.bin", Content.of(random(3 << 20, 100 + version.incrementAndGet())),
                        dev.stowage.spi.WriteOptions.from(PutOptions.DEFAULTS, "application/octet-stream"));
            }
        };

        assertThatThrownBy(() -> storage.download("doc.bin", dir.resolve("doc.bin")))
                .isInstanceOf(PreconditionFailedException.class)
                .hasMessageContaining("mem").hasMessageContaining("doc.bin").hasMessageContaining("changed twice")
                .satisfies(e -> assertThat(((StorageException) e).operation()).isEqualTo(Operation.READ));
        assertThat(files()).isEmpty();
        memory.assertNoOpenStreams();
    }

    @Test
    void a_failing_range_fails_the_download_and_leaves_no_temp_file_and_an_old_target_untouched() throws IOException {
        storage.put("doc.bin", Content.of(random(3 << 20, 7)));
        Path target = dir.resolve("doc.bin");
        Files.writeString(target, "old");
        driver.beforeRange = n -> {
            if (n == 5) {
                throw new StorageUnavailableException("mem", Operation.READ, "doc.bin", "connection reset", null);
            }
        };

        assertThatThrownBy(() -> storage.download("doc.bin", target))
                .isInstanceOf(StorageUnavailableException.class).hasMessageContaining("connection reset");
        assertThat(files()).containsExactly(target);
        assertThat(Files.readString(target)).isEqualTo("old");
        memory.assertNoOpenStreams();
    }

    @Test
    void a_range_that_ends_early_fails_the_download() throws IOException {
        storage.put("doc.bin", Content.of(random(3 << 20, 8)));
        driver.onRange = (n, in) -> n == 2 ? new FilterInputStream(in) {
            private int left = 1000;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left == 0) {
                    return -1;
                }
                int r = super.read(b, off, Math.min(len, left));
                left -= Math.max(r, 0);
                return r;
            }
        } : in;

        assertThatThrownBy(() -> storage.download("doc.bin", dir.resolve("doc.bin")))
                .isInstanceOf(StorageException.class).hasMessageContaining("ended after 1000 of 262144 bytes");
        assertThat(files()).isEmpty();
        memory.assertNoOpenStreams();
    }

    @Test
    void a_range_with_corrupted_bytes_fails_the_checksum_and_leaves_no_file() throws IOException {
        storage.put("doc.bin", Content.of(random(3 << 20, 9)));
        driver.onRange = (n, in) -> n == 7 ? new FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int r = super.read(b, off, len);
                if (r > 0) {
                    b[off] ^= 0x40;
                }
                return r;
            }
        } : in;

        assertThatThrownBy(() -> storage.download("doc.bin", dir.resolve("doc.bin")))
                .isInstanceOf(StorageException.class).hasMessageContaining("checksum mismatch")
                .hasMessageContaining("doc.bin");
        assertThat(files()).isEmpty();
    }

    @Test
    @Timeout(20)
    void interrupting_the_caller_cancels_every_range_and_leaves_no_file() throws Exception {
        storage.put("doc.bin", Content.of(random(3 << 20, 10)));
        CountDownLatch blocked = new CountDownLatch(1);
        AtomicInteger closed = new AtomicInteger();
        driver.onRange = (n, in) -> new FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (n == 2) {
                    blocked.countDown();
                    try {
                        Thread.sleep(60_000); // a range that hangs until cancelled
                    } catch (InterruptedException e) {
                        throw new java.io.InterruptedIOException("cancelled");
                    }
                }
                return super.read(b, off, len);
            }

            @Override
            public void close() throws IOException {
                closed.incrementAndGet();
                super.close();
            }
        };
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> interruptFlag = new AtomicReference<>();
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                storage.download("doc.bin", dir.resolve("doc.bin"));
            } catch (Throwable t) {
                thrown.set(t);
            }
            interruptFlag.set(Thread.currentThread().isInterrupted());
        });
        assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
        caller.interrupt();
        caller.join(10_000);

        assertThat(caller.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(StorageException.class).hasMessageContaining("interrupted");
        assertThat(interruptFlag.get()).isTrue();
        assertThat(files()).isEmpty();
        assertThat(closed.get()).isEqualTo(driver.ranges.get());
        memory.assertNoOpenStreams();
    }

    @Test
    void crc32c_of_parts_combines_into_the_crc32c_of_the_whole() {
        Random random = new Random(11);
        for (int round = 0; round < 200; round++) {
            byte[] a = random(random.nextInt(5000), round);
            byte[] b = random(round % 10 == 0 ? 0 : random.nextInt(70_000), round + 1000);
            CRC32C whole = new CRC32C();
            whole.update(a);
            whole.update(b);
            CRC32C ca = new CRC32C();
            ca.update(a);
            CRC32C cb = new CRC32C();
            cb.update(b);
            assertThat(Checksums.combine(ca.getValue(), cb.getValue(), b.length)).isEqualTo(whole.getValue());
        }
        assertThat(Checksums.decode(Checksums.encode(0xCAFEBABEL))).isEqualTo(0xCAFEBABEL);
        assertThat(Checksums.decode("not base64!")).isEqualTo(-1);
    }

    @Test
    void download_settings_are_read_from_the_disk_and_rejected_when_invalid() {
        DownloadSettings s = DownloadSettings.from(DiskConfig.of("d", "s3", Map.of("download.threshold", "32MiB",
                "download.part-size", "16MiB", "download.concurrency", "8")));
        assertThat(s).isEqualTo(new DownloadSettings(32L << 20, 16L << 20, 8));
        assertThat(DownloadSettings.from(DiskConfig.of("d", "s3"))).isEqualTo(DownloadSettings.DEFAULTS);
        assertThatThrownBy(() -> DownloadSettings.from(DiskConfig.of("d", "s3", Map.of("download.part-size", "1k"))))
                .isInstanceOf(StorageConfigurationException.class).hasMessageContaining("'d'")
                .hasMessageContaining("64 KiB");
        assertThat(dev.stowage.layer.Layers.problems(DiskConfig.of("d", "s3", Map.of("download.concurrency", "0"))))
                .singleElement().asString().contains("between 1 and 64");
    }
}
