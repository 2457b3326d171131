package dev.stowage.driver.local;

import dev.stowage.ObjectAlreadyExistsException;
import dev.stowage.Operation;
import dev.stowage.PreconditionFailedException;
import dev.stowage.spi.Checksums;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32C;

/**
 * The write side of a local disk: streams bytes into a temp file (checksummed, stamped, forced to
 * disk), then publishes it under the key's lock with its sidecar; turns objects that are in the
 * way of a folder into folders. See {@link LocalDriver} for the guarantees.
 */
final class LocalWriter {
    static final int MAX_PUBLISH_ATTEMPTS = 8;

    private final String disk;
    private final LocalLayout layout;
    private final KeyLocks locks;
    private final boolean fsync;
    private final boolean fsyncDirectory;
    private TempArea temps;
    private volatile boolean hardLinks = true;
    private volatile boolean xattrs;

    LocalWriter(String disk, LocalLayout layout, KeyLocks locks, boolean fsync, boolean fsyncDirectory) {
        this.disk = disk;
        this.layout = layout;
        this.locks = locks;
        this.fsync = fsync;
        this.fsyncDirectory = fsyncDirectory;
    }

    /** Sets the temp area (opened after the writer, whose recovery it runs). */
    void temps(TempArea area) {
        this.temps = area;
    }

    /**
     * Whether records go into the data file's extended attribute ({@link XattrRecord}) instead of
     * a sidecar file (see {@link LocalDriver}, setting {@code metadata}).
     */
    void xattrs(boolean enabled) {
        this.xattrs = enabled;
    }

    /** Builds the record of a version once its etag and checksum are known. */
    @FunctionalInterface
    interface Describer {
        Sidecar.Record describe(String etag, String crc32c);
    }

    /**
     * A complete temp file: its attributes, the CRC32C of its bytes, its record, and whether that
     * record is already on the file as an extended attribute (else it needs a sidecar).
     */
    record Written(BasicFileAttributes attrs, String crc32c, Sidecar.Record record, boolean inXattr) {
    }

    Written writeTemp(Path temp, byte[] bytes, Describer describer) throws IOException {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            CRC32C crc = new CRC32C();
            crc.update(bytes, 0, bytes.length);
            return finish(temp, channel, Checksums.encode(crc.getValue()), describer);
        }
    }

    Written writeTemp(Path temp, InputStream content, Describer describer) throws IOException {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            Checksums.Crc32cInputStream in = new Checksums.Crc32cInputStream(content);
            byte[] chunk = new byte[64 * 1024];
            int n;
            while ((n = in.read(chunk, 0, chunk.length)) >= 0) {
                ByteBuffer buffer = ByteBuffer.wrap(chunk, 0, n);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
            return finish(temp, channel, in.checksum(), describer);
        }
    }

    /**
     * Stamps the temp file, describes it and, in xattr mode, attaches the record before the one
     * {@code fsync}, so bytes and record become durable together and visible together with the
     * rename.
     */
    private Written finish(Path temp, FileChannel channel, String crc, Describer describer) throws IOException {
        FileVersions.stamp(temp);
        BasicFileAttributes attrs = Files.readAttributes(temp, BasicFileAttributes.class);
        Sidecar.Record record = describer.describe(FileVersions.etag(attrs), crc);
        boolean inXattr = xattrs && Xattrs.write(temp, XattrRecord.encode(record, attrs));
        if (fsync) {
            channel.force(true);
        }
        return new Written(attrs, crc, record, inXattr);
    }

    /**
     * Makes a complete temp file the key's data: under the key's lock, checks the precondition,
     * writes this version's sidecar unless its record is already on the temp file as an extended
     * attribute (the previous version keeps its own until it is replaced) and
     * renames (or, create-only, hard-links) the temp file into place. Missing folders are created
     * (and objects in their way turned into folders) outside the lock, then the step is retried.
     */
    void publish(Operation operation, String key, Path temp, Path path, Written written,
            boolean ifNoneMatch, String ifMatch) throws IOException {
        Sidecar.Record record = written.record();
        boolean needParents = false;
        byte[] sidecarBytes = null;
        boolean sidecarWritten = false;
        boolean published = false;
        try {
            for (int attempt = 1; ; attempt++) {
                if (attempt > MAX_PUBLISH_ATTEMPTS) {
                    throw new IOException("the folders of '" + key + "' kept changing; gave up after "
                            + MAX_PUBLISH_ATTEMPTS + " attempts");
                }
                if (needParents) {
                    layout.createParents(operation, key, path, this::toFolder);
                    needParents = false;
                }
                ReentrantLock lock = locks.lock(key);
                try {
                    if (!layout.checkParents(operation, key, path)) {
                        needParents = true;
                        continue;
                    }
                    Location current = Location.locate(path);
                    if (ifNoneMatch && current.exists()) {
                        throw new ObjectAlreadyExistsException(disk, operation, key);
                    }
                    if (ifMatch != null) {
                        if (!current.exists()) {
                            throw new PreconditionFailedException(disk, operation, key,
                                    "precondition failed: the object does not exist", null);
                        }
                        String etag = FileVersions.etag(current.attrs());
                        if (!etag.equals(ifMatch)) {
                            throw new PreconditionFailedException(disk, operation, key,
                                    "precondition failed: the object's etag is '" + etag + "', not '" + ifMatch + "'",
                                    null);
                        }
                    }
                    if (!written.inXattr()) {
                        if (sidecarBytes == null) {
                            sidecarBytes = new Sidecar(key, List.of(record)).encode();
                        }
                        writeSidecar(layout.sidecar(key, record.etag()), sidecarBytes);
                        sidecarWritten = true;
                    }
                    try {
                        if (ifNoneMatch && hardLinks) {
                            link(temp, current.dest());
                        } else {
                            Files.move(temp, current.dest(), StandardCopyOption.ATOMIC_MOVE);
                        }
                    } catch (FileAlreadyExistsException e) {
                        throw new ObjectAlreadyExistsException(disk, operation, key, null, e);
                    } catch (NoSuchFileException e) {
                        needParents = true; // a folder is missing, or was pruned by a concurrent delete
                        continue;
                    } catch (FileSystemException e) {
                        if (LocalLayout.isNotDirectory(e)) {
                            needParents = true; // an object is in the way of a folder
                            continue;
                        }
                        if (isDirectory(e)) {
                            continue; // the path became a folder meanwhile: publish into it
                        }
                        throw e;
                    }
                    if (fsyncDirectory) {
                        forceDirectory(current.dest().getParent());
                    }
                    published = true;
                    if (current.exists()) {
                        deleteQuietly(layout.sidecar(key, FileVersions.etag(current.attrs())));
                    }
                    return;
                } finally {
                    lock.unlock();
                }
            }
        } finally {
            if (!published && sidecarWritten) {
                deleteQuietly(layout.sidecar(key, record.etag())); // this version never became visible
            }
        }
    }

    /** Publishes {@code temp} at {@code dest} only if nothing is there (atomic even across processes). */
    private void link(Path temp, Path dest) throws IOException {
        try {
            Files.createLink(dest, temp);
        } catch (UnsupportedOperationException e) {
            hardLinks = false;
            Files.move(temp, dest, StandardCopyOption.ATOMIC_MOVE);
            return;
        } catch (FileSystemException e) {
            if (e instanceof FileAlreadyExistsException || e instanceof NoSuchFileException
                    || e.getReason() == null || !e.getReason().contains("Operation not permitted")) {
                throw e;
            }
            hardLinks = false; // a file system without hard links: the per-key lock still holds
            Files.move(temp, dest, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        Files.delete(temp);
    }

    static boolean isDirectory(FileSystemException e) {
        String reason = e.getReason() == null ? "" : e.getReason();
        return reason.contains("Is a directory") || reason.contains("Directory not empty");
    }

    /**
     * Turns the object file at {@code file} into a folder holding it as its self file, so that
     * keys under it can be written: the file moves (same inode, same etag) into a staging folder in
     * the temp area that is then renamed to the file's name. The key is briefly absent; readers
     * that miss it look again under its lock, which this holds. A crash in between is repaired by
     * the next start: the staging folder names the key (see {@link #recoverConversion}).
     */
    void toFolder(String folderKey, Path file) throws IOException {
        ReentrantLock lock = locks.lock(folderKey);
        try {
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                return;
            }
            if (!attrs.isRegularFile()) {
                return; // already a folder (or a link, which createParents refuses)
            }
            Path work = temps.next();
            Files.createDirectory(work);
            Files.write(work.resolve("key"), folderKey.getBytes(StandardCharsets.UTF_8));
            Path staged = Files.createDirectory(work.resolve("folder"));
            Files.move(file, LocalLayout.self(staged), StandardCopyOption.ATOMIC_MOVE);
            Files.move(staged, file, StandardCopyOption.ATOMIC_MOVE);
            Files.delete(work.resolve("key"));
            Files.delete(work);
        } finally {
            lock.unlock();
        }
    }

    /** Finishes a conversion to a folder that a dead driver instance left half done. */
    static void recoverConversion(LocalLayout layout, Path work) throws IOException {
        Path keyFile = work.resolve("key");
        Path self = LocalLayout.self(work.resolve("folder"));
        if (!Files.exists(keyFile, LinkOption.NOFOLLOW_LINKS) || !Files.exists(self, LinkOption.NOFOLLOW_LINKS)) {
            return; // nothing was moved yet, or it all went through
        }
        String key = Files.readString(keyFile, StandardCharsets.UTF_8);
        Path file = layout.data(Operation.OPEN_DISK, key);
        Location location = Location.locate(file);
        if (location.link()) {
            return;
        }
        BasicFileAttributes attrs = null;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            Files.createDirectories(file.getParent());
            Files.move(work.resolve("folder"), file, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        if (attrs.isDirectory() && !location.exists()) {
            Files.move(self, LocalLayout.self(file), StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** Forces a directory's entries to disk when the disk is configured with {@code fsync-directory}. */
    void forceDirectoryIfConfigured(Path dir) throws IOException {
        if (fsyncDirectory) {
            forceDirectory(dir);
        }
    }

    private void forceDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /**
     * Writes a version's sidecar at its own, new name. No temp file and rename are needed: nobody
     * looks for it before its data file is published, which happens after this returns; a torn
     * sidecar (power cut) is ignored when read. Not replacing an existing file also spares ext4's
     * flush-on-replace, so a write costs one synchronous flush: the data file's.
     */
    void writeSidecar(Path sidecar, byte[] content) throws IOException {
        try {
            Files.write(sidecar, content);
        } catch (NoSuchFileException e) {
            Files.createDirectories(sidecar.getParent());
            Files.write(sidecar, content);
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the temp area is swept when a driver next starts; an orphan sidecar is never used
        }
    }
}
