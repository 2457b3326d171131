package dev.stowage;

import dev.stowage.spi.Checksums;
import dev.stowage.spi.StorageDriver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.zip.CRC32C;

/**
 * One object fetched into one file as ranges in parallel, on virtual threads, for
 * {@link DefaultStorage#download}. Every range is read with {@link StorageDriver#readIfMatch}
 * pinned to the etag the caller's stat saw, so a file never mixes two versions: a replaced object
 * fails the next range with {@link PreconditionFailedException}. Each range is streamed through one
 * small buffer into its place in the file (positional writes), its CRC32C computed on the way; the
 * per-range CRCs are combined and compared with the object's stored CRC32C when it records one.
 *
 * <p>The first failure (or an interrupt of the calling thread) cancels the others: their threads
 * are interrupted and their streams closed, and {@link #fetch} returns only after every worker
 * ended, so nothing writes into the file once it fails. Deleting the file is the caller's job.
 * Does not rename anything and keeps no state between fetches.
 */
final class RangedDownload {
    private static final int BUFFER = 256 * 1024;

    private final StorageDriver driver;
    private final DownloadSettings settings;

    RangedDownload(StorageDriver driver, DownloadSettings settings) {
        this.driver = driver;
        this.settings = settings;
    }

    /**
     * Writes the object {@code info} describes into {@code file} (truncated first) and returns its size.
     *
     * @throws PreconditionFailedException if the object changed (its etag is no longer {@code info.etag()})
     * @throws StorageException on any other failure, on a checksum mismatch, or when interrupted
     */
    long fetch(String key, ObjectInfo info, Path file) {
        long size = info.size();
        long partSize = settings.partSize();
        int parts = (int) ((size + partSize - 1) / partSize);
        int workers = Math.min(settings.concurrency(), parts);
        long[] crcs = new long[parts];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            Run run = new Run(key, info, channel, parts, crcs, workers);
            run.start();
            run.await();
        } catch (IOException e) {
            throw new StorageUnavailableException(driver.disk(), Operation.READ, key,
                    "cannot write the download's temp file: " + e.getMessage(), e);
        }
        verify(key, info, crcs);
        return size;
    }

    private void verify(String key, ObjectInfo info, long[] crcs) {
        String stored = info.checksum(ChecksumAlgorithm.CRC32C);
        if (stored == null) {
            return;
        }
        long expected = Checksums.decode(stored);
        if (expected < 0) {
            return; // not a plain CRC32C of the whole (e.g. a composite of parts): nothing to compare
        }
        long crc = crcs[0];
        long partSize = settings.partSize();
        for (int i = 1; i < crcs.length; i++) {
            crc = Checksums.combine(crc, crcs[i], Math.min(partSize, info.size() - i * partSize));
        }
        if (crc != expected) {
            throw new StorageException(driver.disk(), Operation.READ, key, "checksum mismatch: the " + crcs.length
                    + " ranges read have CRC32C " + Checksums.encode(crc) + ", the object records " + stored
                    + "; the download was discarded", null);
        }
    }

    /** One fetch: the workers, the next part to take, and the first failure. */
    private final class Run {
        private final String key;
        private final ObjectInfo info;
        private final FileChannel channel;
        private final int parts;
        private final long[] crcs;
        private final Thread[] threads;
        private final AtomicReferenceArray<InputStream> open;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Run(String key, ObjectInfo info, FileChannel channel, int parts, long[] crcs, int workers) {
            this.key = key;
            this.info = info;
            this.channel = channel;
            this.parts = parts;
            this.crcs = crcs;
            this.threads = new Thread[workers];
            this.open = new AtomicReferenceArray<>(workers);
        }

        void start() {
            Thread.Builder builder = Thread.ofVirtual().name("stowage-download-" + driver.disk() + "-", 0);
            for (int w = 0; w < threads.length; w++) {
                int worker = w;
                threads[w] = builder.unstarted(() -> work(worker));
            }
            for (Thread t : threads) {
                t.start();
            }
        }

        void await() {
            boolean interrupted = false;
            for (Thread t : threads) {
                while (true) {
                    try {
                        t.join();
                        break;
                    } catch (InterruptedException e) {
                        if (!interrupted) {
                            interrupted = true;
                            fail(new StorageException(driver.disk(), Operation.READ, key,
                                    "interrupted; the download was cancelled", e));
                        }
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            Throwable t = failure.get();
            if (t != null) {
                throw asStorageException(t);
            }
        }

        private StorageException asStorageException(Throwable t) {
            if (t instanceof StorageException se) {
                return se;
            }
            if (t instanceof IOException io) {
                return new StorageUnavailableException(driver.disk(), Operation.READ, key,
                        "I/O error while reading: " + io.getMessage(), io);
            }
            return new StorageException(driver.disk(), Operation.READ, key,
                    "unexpected " + t.getClass().getSimpleName() + ": " + t.getMessage(), t);
        }

        /** Records the first failure and cancels every worker. */
        private void fail(Throwable t) {
            if (!failure.compareAndSet(null, t)) {
                return;
            }
            Thread self = Thread.currentThread();
            for (int w = 0; w < threads.length; w++) {
                if (threads[w] != self) {
                    threads[w].interrupt();
                }
                closeQuietly(open.getAndSet(w, null));
            }
        }

        private void work(int worker) {
            byte[] buf = new byte[BUFFER];
            ByteBuffer buffer = ByteBuffer.wrap(buf);
            long partSize = settings.partSize();
            CRC32C crc = new CRC32C();
            while (failure.get() == null) {
                int part = next.getAndIncrement();
                if (part >= parts) {
                    return;
                }
                long first = part * partSize;
                long length = Math.min(partSize, info.size() - first);
                InputStream in = null;
                try {
                    in = driver.readIfMatch(key, ByteRange.of(first, first + length - 1), info.etag());
                    open.set(worker, in);
                    if (failure.get() != null) {
                        return; // cancelled while opening: fail() may have missed this stream
                    }
                    crc.reset();
                    long position = first;
                    long remaining = length;
                    while (remaining > 0) {
                        int n = in.read(buf, 0, (int) Math.min(buf.length, remaining));
                        if (n < 0) {
                            throw new StorageUnavailableException(driver.disk(), Operation.READ, key, "range "
                                    + first + "-" + (first + length - 1) + " ended after " + (length - remaining)
                                    + " of " + length + " bytes", null);
                        }
                        crc.update(buf, 0, n);
                        buffer.clear().limit(n);
                        while (buffer.hasRemaining()) {
                            position += channel.write(buffer, position);
                        }
                        remaining -= n;
                    }
                    if (in.read() >= 0) {
                        throw new StorageException(driver.disk(), Operation.READ, key, "range " + first + "-"
                                + (first + length - 1) + " returned more than " + length + " bytes", null);
                    }
                    crcs[part] = crc.getValue();
                } catch (Throwable t) {
                    fail(failure.get() == null && Thread.currentThread().isInterrupted() ? interrupted(t) : t);
                    return;
                } finally {
                    if (open.compareAndSet(worker, in, null)) {
                        closeQuietly(in);
                    }
                }
            }
        }

        private Throwable interrupted(Throwable t) {
            return t instanceof StorageException ? t
                    : new StorageException(driver.disk(), Operation.READ, key, "interrupted while reading", t);
        }
    }

    private static void closeQuietly(InputStream in) {
        if (in == null) {
            return;
        }
        try {
            in.close();
        } catch (IOException | RuntimeException ignored) {
            // cancelling or already failing: the first failure is the one reported
        }
    }
}
