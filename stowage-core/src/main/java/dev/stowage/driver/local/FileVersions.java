package dev.stowage.driver.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Etags of local objects, derived from the data file's identity: its modification time (in
 * nanoseconds), size and file key (device and inode). Deriving them from the file, not from the
 * sidecar, makes listings cheap (no sidecar read) and gives files written by other tools an etag
 * that changes whenever they change.
 *
 * <p>Every write stamps its temp file with a modification time from a strictly increasing
 * per-process clock before publishing it, so two versions of a key written by this process never
 * share an etag, even if the file system hands a freed inode to the next file within one clock
 * tick. Writers in different processes get different inodes (both temp files exist at once).
 */
final class FileVersions {
    private static final AtomicLong LAST_STAMP = new AtomicLong();

    private FileVersions() {
    }

    /** The next modification time to stamp: the wall clock, but always after the previous stamp. */
    static FileTime nextStamp() {
        java.time.Instant instant = java.time.Instant.now();
        long now = instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
        long stamp = LAST_STAMP.updateAndGet(last -> Math.max(now, last + 1000));
        return FileTime.from(stamp / 1000, TimeUnit.MICROSECONDS);
    }

    /**
     * Stamps {@code file} (a fresh temp file) with a fresh modification time, and the same access
     * time: giving both spares the JDK the {@code fstat} it makes to keep the other one.
     */
    static void stamp(Path file) throws IOException {
        FileTime stamp = nextStamp();
        Files.getFileAttributeView(file, BasicFileAttributeView.class).setTimes(stamp, stamp, null);
    }

    /** The etag of a data file with these attributes. */
    static String etag(BasicFileAttributes attrs) {
        long mtime = attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        Object fileKey = attrs.fileKey();
        int identity = fileKey == null ? 0 : fileKey.hashCode();
        return Long.toHexString(mtime) + "-" + Long.toHexString(attrs.size()) + "-" + Integer.toHexString(identity);
    }
}
