package dev.stowage.bench.harness;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * A baseline client's parallel ranged download: the object cut into parts, at most
 * {@code parallelism} read at once on {@code pool}, each written at its place in the target file.
 */
public final class RangedFile {
    /** Reads {@code length} bytes of the object from {@code offset}. */
    @FunctionalInterface
    public interface RangeReader {
        byte[] read(long offset, long length) throws Exception;
    }

    private RangedFile() {
    }

    /** Downloads {@code size} bytes into {@code target} in parts of {@code partSize}. */
    public static void download(Path target, long size, long partSize, int parallelism, ExecutorService pool,
            RangeReader reader) throws Exception {
        Semaphore slots = new Semaphore(parallelism);
        try (FileChannel file = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            List<Future<?>> parts = new ArrayList<>();
            for (long offset = 0; offset < size; offset += partSize) {
                long at = offset;
                long length = Math.min(partSize, size - offset);
                slots.acquire();
                parts.add(pool.submit(() -> {
                    try {
                        ByteBuffer buf = ByteBuffer.wrap(reader.read(at, length));
                        while (buf.hasRemaining()) {
                            file.write(buf, at + buf.position());
                        }
                    } finally {
                        slots.release();
                    }
                    return null;
                }));
            }
            for (Future<?> part : parts) {
                part.get();
            }
        }
    }
}
