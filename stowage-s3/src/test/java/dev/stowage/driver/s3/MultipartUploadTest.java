package dev.stowage.driver.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.Content;
import dev.stowage.ObjectInfo;
import dev.stowage.Storage;
import dev.stowage.StorageException;
import dev.stowage.Stowage;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

class MultipartUploadTest {

    private static final int MIB = 1 << 20;

    /** Counts part uploads and the most running at once; fails part {@code failPart} if > 0. */
    static final class PartWatcher implements ExecutionInterceptor {
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger maxRunning = new AtomicInteger();
        final AtomicInteger parts = new AtomicInteger();
        final int failPart;

        PartWatcher(int failPart) {
            this.failPart = failPart;
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof UploadPartRequest part) {
                parts.incrementAndGet();
                maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                pause();
                if (part.partNumber() == failPart) {
                    running.decrementAndGet();
                    throw new IllegalStateException("injected failure of part " + failPart);
                }
            }
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof UploadPartRequest) {
                running.decrementAndGet();
            }
        }

        @Override
        public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
            SdkRequest r = context.request();
            if (r instanceof UploadPartRequest p && p.partNumber() != failPart) {
                running.decrementAndGet();
            }
        }

        private static void pause() {
            try {
                Thread.sleep(50); // lets parts overlap even on a fast loopback
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static byte[] pattern(int size, long seed) {
        byte[] data = new byte[size];
        new java.util.Random(seed).nextBytes(data);
        return data;
    }

    static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    @Test
    void a_64_MiB_upload_goes_multipart_with_4_parts_in_flight_and_reads_back_identical() throws Exception {
        PartWatcher watcher = new PartWatcher(0);
        S3Driver driver = new S3Driver(S3ProxyServer.disk("mp", Map.of()), List.of(watcher));
        try (Storage storage = Stowage.wrap(driver)) {
            byte[] data = pattern(64 * MIB, 1);
            ObjectInfo info = storage.put("big/blob.bin", Content.of(new java.io.ByteArrayInputStream(data), data.length));

            assertThat(info.size()).isEqualTo(data.length);
            assertThat(watcher.parts.get()).isEqualTo(8); // 64 MiB in parts of 8 MiB
            assertThat(watcher.maxRunning.get()).isEqualTo(4);
            assertThat(storage.stat("big/blob.bin").size()).isEqualTo(data.length);
            assertThat(sha256(storage.getBytes("big/blob.bin"))).isEqualTo(sha256(data));
            assertThat(driver.client().listMultipartUploads(b -> b.bucket(driver.bucket())).uploads()).isEmpty();
        }
    }

    @Test
    void a_multipart_upload_whose_part_fails_mid_way_is_aborted() {
        PartWatcher watcher = new PartWatcher(3);
        S3Driver driver = new S3Driver(S3ProxyServer.disk("mp", Map.of()), List.of(watcher));
        try (Storage storage = Stowage.wrap(driver)) {
            byte[] data = pattern(48 * MIB, 2);

            assertThatThrownBy(() -> storage.put("big/failing.bin", Content.of(data)))
                    .isInstanceOf(StorageException.class).hasStackTraceContaining("injected failure of part 3");

            assertThat(driver.client().listMultipartUploads(b -> b.bucket(driver.bucket())).uploads()).isEmpty();
            assertThat(storage.exists("big/failing.bin")).isFalse();
        }
    }

    @Test
    void a_multipart_upload_whose_content_stream_fails_mid_way_is_aborted() {
        S3Driver driver = new S3Driver(S3ProxyServer.disk("mp", Map.of()), List.of());
        try (Storage storage = Stowage.wrap(driver)) {
            InputStream failing = new InputStream() {
                long left = 20L * MIB;

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (left <= 0) {
                        throw new IOException("injected: the source disk went away");
                    }
                    int n = (int) Math.min(len, left);
                    java.util.Arrays.fill(b, off, off + n, (byte) 7);
                    left -= n;
                    return n;
                }
            };

            assertThatThrownBy(() -> storage.put("big/half.bin", Content.of(failing)))
                    .isInstanceOf(StorageException.class).hasMessageContaining("source disk went away");

            assertThat(driver.client().listMultipartUploads(b -> b.bucket(driver.bucket())).uploads()).isEmpty();
            assertThat(storage.exists("big/half.bin")).isFalse();
        }
    }

    @Test
    void an_interrupted_multipart_upload_is_aborted() throws Exception {
        PartWatcher watcher = new PartWatcher(0);
        S3Driver driver = new S3Driver(S3ProxyServer.disk("mp", Map.of()), List.of(watcher));
        try (Storage storage = Stowage.wrap(driver)) {
            byte[] data = pattern(64 * MIB, 3);
            java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    storage.put("big/cancelled.bin", Content.of(data));
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            while (watcher.parts.get() < 2) {
                Thread.sleep(5);
            }
            writer.interrupt();
            writer.join();

            assertThat(failure.get()).isInstanceOf(StorageException.class);
            assertThat(driver.client().listMultipartUploads(b -> b.bucket(driver.bucket())).uploads()).isEmpty();
            assertThat(storage.exists("big/cancelled.bin")).isFalse();
        }
    }

    @Test
    void streams_ending_at_and_around_part_boundaries_keep_every_byte() throws Exception {
        S3Driver driver = new S3Driver(S3ProxyServer.disk("mp", Map.of()), List.of());
        try (Storage storage = Stowage.wrap(driver)) {
            int[] sizes = {8 * MIB - 1, 8 * MIB, 8 * MIB + 1, 16 * MIB, 16 * MIB + 3};
            for (int size : sizes) {
                byte[] data = pattern(size, size);
                storage.put("edge/unknown-" + size, Content.of(new java.io.ByteArrayInputStream(data)));
                storage.put("edge/known-" + size, Content.of(new java.io.ByteArrayInputStream(data), size));
                assertThat(sha256(storage.getBytes("edge/unknown-" + size))).as("unknown length %d", size)
                        .isEqualTo(sha256(data));
                assertThat(sha256(storage.getBytes("edge/known-" + size))).as("known length %d", size)
                        .isEqualTo(sha256(data));
            }
        }
    }

    @Test
    void a_stream_shorter_than_announced_fails_and_leaves_nothing() {
        S3Driver driver = new S3Driver(S3ProxyServer.disk("mp", Map.of()), List.of());
        try (Storage storage = Stowage.wrap(driver)) {
            byte[] data = pattern(20 * MIB, 9);
            assertThatThrownBy(() -> storage.put("edge/short",
                    Content.of(new java.io.ByteArrayInputStream(data), 30L * MIB)))
                    .isInstanceOf(StorageException.class);
            assertThat(storage.exists("edge/short")).isFalse();
            assertThat(driver.client().listMultipartUploads(b -> b.bucket(driver.bucket())).uploads()).isEmpty();
        }
    }
}
