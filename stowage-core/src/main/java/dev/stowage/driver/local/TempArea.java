package dev.stowage.driver.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where one driver instance writes its temp files: {@code root/.stowage/tmp/<instance>/}, on the
 * same file system as the data so that publishing is an atomic rename.
 *
 * <p>Each instance holds an OS file lock on {@code <instance>/.lock} for its whole life. When a
 * driver starts it sweeps the temp area: the directory of every instance whose lock can be taken
 * (its process died, or it was closed) is deleted with whatever partial writes it held. Instances
 * alive in this or another process keep their lock and are left alone, so several processes may
 * share a root.
 */
final class TempArea implements AutoCloseable {
    private static final String LOCK = ".lock";
    /** An instance directory without a lock file younger than this is assumed to be starting up. */
    private static final Duration STARTING_GRACE = Duration.ofMinutes(1);

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final AtomicLong counter = new AtomicLong();

    private TempArea(Path dir, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Finishes the work a dead instance left in one of its folders (a half-done conversion). */
    @FunctionalInterface
    interface Recovery {
        void recover(Path folder) throws IOException;
    }

    /**
     * Sweeps the debris of dead instances under {@code tmpRoot} (after letting {@code recovery}
     * finish what their folders record) and opens a fresh instance area.
     */
    static TempArea open(Path tmpRoot, Recovery recovery) throws IOException {
        Files.createDirectories(tmpRoot);
        sweep(tmpRoot, recovery);
        // Unique, not secret: createDirectory refuses an existing name, and the pid separates processes.
        // (SecureRandom would load the security providers: a cost every short-lived process noticed.)
        byte[] id = new byte[6];
        ThreadLocalRandom.current().nextBytes(id);
        Path dir = tmpRoot.resolve(ProcessHandle.current().pid() + "-" + HexFormat.of().formatHex(id));
        Files.createDirectory(dir);
        FileChannel channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new IOException("cannot lock the fresh temp area " + dir);
            }
            return new TempArea(dir, channel, lock);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** A fresh temp file path (not created). */
    Path next() {
        return dir.resolve(Long.toString(counter.incrementAndGet(), 36));
    }

    /** The instance directory. */
    Path dir() {
        return dir;
    }

    static void sweep(Path tmpRoot, Recovery recovery) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(tmpRoot)) {
            for (Path entry : entries) {
                BasicFileAttributes attrs;
                try {
                    attrs = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException e) {
                    continue;
                }
                if (!attrs.isDirectory()) {
                    Files.deleteIfExists(entry);
                    continue;
                }
                sweepInstance(entry, attrs, recovery);
            }
        }
    }

    private static void sweepInstance(Path dir, BasicFileAttributes attrs, Recovery recovery) throws IOException {
        Path lockFile = dir.resolve(LOCK);
        if (!Files.exists(lockFile, LinkOption.NOFOLLOW_LINKS)) {
            if (attrs.lastModifiedTime().toInstant().isAfter(Instant.now().minus(STARTING_GRACE))) {
                return; // another instance is being created right now
            }
            recoverAndDelete(dir, recovery);
            return;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock held;
            try {
                held = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                return; // alive in this JVM
            }
            if (held == null) {
                return; // alive in another process
            }
            try {
                recoverAndDelete(dir, recovery);
            } finally {
                held.release();
            }
        } catch (NoSuchFileException e) {
            // swept concurrently by another starting instance
        }
    }

    private static void recoverAndDelete(Path dir, Recovery recovery) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    try {
                        recovery.recover(entry);
                    } catch (IOException | RuntimeException e) {
                        // best effort: a damaged record must not keep the disk from opening
                    }
                }
            }
        } catch (NoSuchFileException e) {
            return;
        }
        deleteTree(dir);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    deleteTree(entry);
                } else {
                    Files.deleteIfExists(entry);
                }
            }
        } catch (NoSuchFileException e) {
            return;
        }
        Files.deleteIfExists(dir);
    }

    /** Removes this instance's area and releases its lock. */
    @Override
    public void close() throws IOException {
        try {
            deleteTree(dir);
        } finally {
            try {
                lock.release();
            } finally {
                lockChannel.close();
            }
        }
    }
}
