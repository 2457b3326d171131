package dev.stowage.driver.local;

import dev.stowage.ByteRange;
import dev.stowage.Capabilities;
import dev.stowage.Capability;
import dev.stowage.ChecksumAlgorithm;
import dev.stowage.Content;
import dev.stowage.ContentTypes;
import dev.stowage.ObjectAlreadyExistsException;
import dev.stowage.ObjectInfo;
import dev.stowage.Operation;
import dev.stowage.Page;
import dev.stowage.PreconditionFailedException;
import dev.stowage.SignedUrlOptions;
import dev.stowage.StorageConfigurationException;
import dev.stowage.StorageException;
import dev.stowage.spi.Checksums;
import dev.stowage.spi.DiskConfig;
import dev.stowage.spi.ListQuery;
import dev.stowage.spi.StorageDriver;
import dev.stowage.spi.WriteOptions;
import dev.stowage.url.ServedUrls;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32C;

/**
 * A disk in a directory of the local file system. Objects are plain files under the root (other
 * tools can read them, and files they put there are objects too); what a file cannot hold (content
 * type, disposition, cache control, metadata, tags, CRC32C) lives in a sidecar under the reserved
 * {@code .stowage/} directory, which listings never show and keys cannot name.
 *
 * <p><b>Writes are atomic or absent.</b> Bytes stream into a temp file in {@code .stowage/tmp/}
 * (same file system), which is forced to disk ({@code fsync}, setting {@code fsync}, default
 * {@code true}) and then renamed over the key's file. A failed, interrupted or killed write leaves
 * no visible file; its temp file is removed when a driver next starts on the root. Setting
 * {@code fsync-directory} (default {@code false}) also forces the directory after the rename, so
 * that the new name itself survives a power cut the moment the write returns; without it the
 * rename reaches the disk with the file system's next journal commit (old or new version, never a
 * torn one).
 *
 * <p><b>Metadata never lies.</b> Etags are derived from the data file (modification time, size,
 * inode; see {@link FileVersions}); each sidecar record names the etag it describes and is used
 * only for that data file. A data file without a matching record (written by another tool, or
 * after a crash between sidecar and data) gets its content type from its name or first bytes.
 *
 * <p><b>Conditional writes.</b> {@code ifNoneMatch} and {@code ifMatch} are checked and published
 * under a per-key lock, so within one process they are atomic (of 64 racing create-only writes
 * exactly one wins). Create-only writes publish with a hard link, which fails if the name exists,
 * so the data file is never overwritten by a second process either (in that narrow cross-process
 * race the loser may replace the winner's sidecar, which then falls back to detected metadata).
 * {@code ifMatch} across several processes sharing one root is not atomic: use one process per
 * root, or a remote driver, when several writers compare-and-swap the same keys.
 *
 * <p><b>Containment.</b> See {@link LocalLayout}: keys cannot leave the root, and symbolic links
 * below the root are never followed (listings skip them; reading one is "not found").
 *
 * <p>Settings: {@code root} (default {@code ./storage}), {@code fsync}, {@code fsync-directory},
 * and {@code signing-secret}, {@code base-url}, {@code public-url} for URLs (see
 * {@link ServedUrls}).
 */
public final class LocalDriver implements StorageDriver, dev.stowage.url.SelfServed {
    /** The root used when none is configured. */
    public static final String DEFAULT_ROOT = "./storage";
    private static final int MAX_PUBLISH_ATTEMPTS = 8;

    private final String disk;
    private final Path root;
    private final LocalErrors errors;
    private final LocalLayout layout;
    private final TempArea temps;
    private final KeyLocks locks = new KeyLocks();
    private final LocalLister lister;
    private final boolean fsync;
    private final boolean fsyncDirectory;
    private final ServedUrls urls;
    private final Capabilities capabilities;
    private volatile boolean hardLinks = true;
    private volatile boolean closed;

    /** A local disk from its settings; creates the root if missing and sweeps stale temp files. */
    public LocalDriver(DiskConfig config) {
        this.disk = config.name();
        this.errors = new LocalErrors(disk);
        this.fsync = config.bool("fsync", true);
        this.fsyncDirectory = config.bool("fsync-directory", false);
        this.urls = ServedUrls.from(config, false);
        String configured = config.get("root", DEFAULT_ROOT);
        try {
            Path path = Path.of(configured).toAbsolutePath().normalize();
            Files.createDirectories(path);
            this.root = path.toRealPath();
            if (!Files.isDirectory(root)) {
                throw new StorageConfigurationException(disk, "root '" + configured + "' is not a directory");
            }
            this.layout = new LocalLayout(disk, root, errors);
            Files.createDirectories(layout.metaRoot());
            this.temps = TempArea.open(layout.tmpRoot());
        } catch (InvalidPathException e) {
            throw new StorageConfigurationException(disk, "root '" + configured + "' is not a valid path: "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new StorageConfigurationException(disk, "cannot open root '" + configured + "': " + e, e);
        }
        this.lister = new LocalLister(disk, root, layout, errors);
        EnumSet<Capability> caps = EnumSet.of(Capability.RANGE_READ, Capability.METADATA, Capability.TAGS,
                Capability.CONDITIONAL_CREATE, Capability.CONDITIONAL_UPDATE, Capability.SERVER_SIDE_COPY,
                Capability.PUBLIC_URL, Capability.CHECKSUMS);
        if (urls.signer() != null) {
            caps.add(Capability.SIGNED_GET);
            caps.add(Capability.SIGNED_PUT);
        }
        this.capabilities = new Capabilities(caps);
    }

    /** The real, absolute root directory. */
    public Path root() {
        return root;
    }

    @Override
    public String disk() {
        return disk;
    }

    @Override
    public String driverName() {
        return "local";
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    // ---- writes ------------------------------------------------------------------------------

    @Override
    public ObjectInfo write(String key, Content content, WriteOptions options) {
        ensureOpen(Operation.WRITE, key);
        Path target = layout.data(Operation.WRITE, key);
        Path temp = temps.next();
        boolean published = false;
        try {
            Written written;
            try (InputStream in = content instanceof Content.Bytes ? null : content.openStream()) {
                written = in == null ? writeTemp(temp, ((Content.Bytes) content).bytes()) : writeTemp(temp, in);
            }
            String etag = FileVersions.etag(written.attrs());
            Sidecar.Record record = new Sidecar.Record(etag, written.crc32c(), options.contentType(),
                    options.contentDisposition(), options.cacheControl(), options.metadata(), options.tags());
            publish(Operation.WRITE, key, temp, target, record, options.ifNoneMatch(), options.ifMatch());
            published = true;
            return info(key, written.attrs(), record);
        } catch (IOException e) {
            throw errors.io(Operation.WRITE, key, e);
        } catch (InvalidPathException e) {
            throw errors.unrepresentable(Operation.WRITE, key, e);
        } finally {
            if (!published) {
                deleteQuietly(temp);
            }
        }
    }

    private record Written(BasicFileAttributes attrs, String crc32c) {
    }

    private Written writeTemp(Path temp, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            CRC32C crc = new CRC32C();
            crc.update(bytes, 0, bytes.length);
            finish(temp, channel);
            return new Written(Files.readAttributes(temp, BasicFileAttributes.class), Checksums.encode(crc.getValue()));
        }
    }

    private Written writeTemp(Path temp, InputStream content) throws IOException {
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
            finish(temp, channel);
            return new Written(Files.readAttributes(temp, BasicFileAttributes.class), in.checksum());
        }
    }

    private void finish(Path temp, FileChannel channel) throws IOException {
        FileVersions.stamp(temp);
        if (fsync) {
            channel.force(true);
        }
    }

    /**
     * Makes a complete temp file the key's data: under the key's lock, checks the precondition,
     * writes the sidecar (keeping the previous record for readers of the previous data file) and
     * renames (or, create-only, hard-links) the temp file into place.
     */
    private void publish(Operation operation, String key, Path temp, Path target, Sidecar.Record record,
            boolean ifNoneMatch, String ifMatch) throws IOException {
        ReentrantLock lock = locks.lock(key);
        try {
            if (!layout.checkParents(operation, key, target)) {
                layout.createParents(operation, key, target); // throws: an object is in the way
            }
            if (ifNoneMatch || ifMatch != null) {
                BasicFileAttributes current = regularFile(target);
                if (ifNoneMatch && current != null) {
                    throw new ObjectAlreadyExistsException(disk, operation, key);
                }
                if (ifMatch != null) {
                    if (current == null) {
                        throw new PreconditionFailedException(disk, operation, key,
                                "precondition failed: the object does not exist", null);
                    }
                    String etag = FileVersions.etag(current);
                    if (!etag.equals(ifMatch)) {
                        throw new PreconditionFailedException(disk, operation, key,
                                "precondition failed: the object's etag is '" + etag + "', not '" + ifMatch + "'",
                                null);
                    }
                }
            }
            Path sidecar = layout.sidecar(key);
            writeSidecar(sidecar, Sidecar.of(key, record, readSidecar(sidecar)));
            if (ifNoneMatch && hardLinks) {
                linkIntoPlace(operation, key, temp, target);
            } else {
                moveIntoPlace(operation, key, temp, target);
            }
            if (fsyncDirectory) {
                forceDirectory(target.getParent());
            }
        } finally {
            lock.unlock();
        }
    }

    private void moveIntoPlace(Operation operation, String key, Path temp, Path target) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                return;
            } catch (NoSuchFileException e) {
                if (attempt >= MAX_PUBLISH_ATTEMPTS) {
                    throw e;
                }
                layout.createParents(operation, key, target); // missing, or pruned by a concurrent delete
            } catch (FileSystemException e) {
                throw conflictOr(operation, key, target, e);
            }
        }
    }

    private void linkIntoPlace(Operation operation, String key, Path temp, Path target) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                Files.createLink(target, temp);
                Files.delete(temp);
                return;
            } catch (FileAlreadyExistsException e) {
                throw new ObjectAlreadyExistsException(disk, operation, key, null, e);
            } catch (NoSuchFileException e) {
                if (attempt >= MAX_PUBLISH_ATTEMPTS) {
                    throw e;
                }
                layout.createParents(operation, key, target);
            } catch (UnsupportedOperationException e) {
                hardLinks = false;
                moveIntoPlace(operation, key, temp, target);
                return;
            } catch (FileSystemException e) {
                if (e.getReason() != null && e.getReason().contains("Operation not permitted")) {
                    hardLinks = false; // a file system without hard links: the per-key lock still holds
                    moveIntoPlace(operation, key, temp, target);
                    return;
                }
                throw conflictOr(operation, key, target, e);
            }
        }
    }

    private IOException conflictOr(Operation operation, String key, Path target, FileSystemException e)
            throws IOException {
        if (LocalLayout.isNotDirectory(e)) {
            layout.createParents(operation, key, target); // throws: an object is in the way
        }
        String reason = e.getReason() == null ? "" : e.getReason();
        if (reason.contains("Is a directory") || reason.contains("Directory not empty")) {
            throw new StorageException(disk, operation, key, "'" + key + "' is a folder of other keys, so it cannot"
                    + " also be an object: on a local disk a key cannot extend another key", e);
        }
        return e;
    }

    private void forceDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    // ---- sidecars ----------------------------------------------------------------------------

    private Sidecar readSidecar(Path sidecar) throws IOException {
        try {
            return Sidecar.decode(Files.readAllBytes(sidecar));
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private void writeSidecar(Path sidecar, Sidecar content) throws IOException {
        Path temp = temps.next();
        try {
            Files.write(temp, content.encode(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                Files.move(temp, sidecar, StandardCopyOption.ATOMIC_MOVE);
            } catch (NoSuchFileException e) {
                Files.createDirectories(sidecar.getParent());
                Files.move(temp, sidecar, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temp);
            throw e;
        }
    }

    /** The sidecar record describing the data file whose etag is {@code etag}, or {@code null}. */
    private Sidecar.Record record(String key, String etag) throws IOException {
        Sidecar sidecar = readSidecar(layout.sidecar(key));
        return sidecar == null || !sidecar.key().equals(key) ? null : sidecar.recordFor(etag);
    }

    // ---- reads -------------------------------------------------------------------------------

    @Override
    public InputStream read(String key, ByteRange range) {
        ensureOpen(Operation.READ, key);
        Path file = layout.data(Operation.READ, key);
        try {
            if (!layout.checkParents(Operation.READ, key, file)) {
                throw errors.notFound(Operation.READ, key, null);
            }
            requireRegular(Operation.READ, key, file);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            try {
                long size = channel.size();
                long start = range.startFor(size);
                if (start > 0) {
                    channel.position(start);
                }
                return new RangeInputStream(channel, range.lengthFor(size));
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            throw readFailure(Operation.READ, key, e);
        } catch (InvalidPathException e) {
            throw errors.unrepresentable(Operation.READ, key, e);
        }
    }

    @Override
    public ObjectInfo stat(String key) {
        ensureOpen(Operation.STAT, key);
        Path file = layout.data(Operation.STAT, key);
        try {
            if (!layout.checkParents(Operation.STAT, key, file)) {
                throw errors.notFound(Operation.STAT, key, null);
            }
            BasicFileAttributes attrs = requireRegular(Operation.STAT, key, file);
            Sidecar.Record record = record(key, FileVersions.etag(attrs));
            for (int attempt = 0; record == null && attempt < 4; attempt++) {
                // No record: a foreign file, or writes replaced the file (and its sidecar) between our two
                // reads. In the latter case the file's etag has changed: look again.
                BasicFileAttributes again = requireRegular(Operation.STAT, key, file);
                if (FileVersions.etag(again).equals(FileVersions.etag(attrs))) {
                    break;
                }
                attrs = again;
                record = record(key, FileVersions.etag(attrs));
            }
            return info(key, attrs, record, file);
        } catch (IOException e) {
            throw readFailure(Operation.STAT, key, e);
        } catch (InvalidPathException e) {
            throw errors.unrepresentable(Operation.STAT, key, e);
        }
    }

    private StorageException readFailure(Operation operation, String key, IOException e) {
        if (e instanceof NoSuchFileException || LocalLayout.isNotDirectory(e)) {
            return errors.notFound(operation, key, e);
        }
        if (e.getMessage() != null && e.getMessage().contains("Too many levels of symbolic links")) {
            return errors.notFound(operation, key, e); // replaced by a link between check and open
        }
        return errors.io(operation, key, e);
    }

    /** The attributes of the key's regular file, or not-found (directories and links are not objects). */
    private BasicFileAttributes requireRegular(Operation operation, String key, Path file) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attrs.isRegularFile()) {
            return attrs;
        }
        if (attrs.isSymbolicLink()) {
            throw new dev.stowage.ObjectNotFoundException(disk, operation, key,
                    "object not found: '" + key + "' is a symbolic link, which the local driver never follows", null);
        }
        throw errors.notFound(operation, key, null);
    }

    /** The attributes of a regular file at {@code file}, or {@code null} if there is none. */
    private static BasicFileAttributes regularFile(Path file) throws IOException {
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            return attrs.isRegularFile() ? attrs : null;
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private ObjectInfo info(String key, BasicFileAttributes attrs, Sidecar.Record record) {
        return info(key, attrs, record, null);
    }

    private ObjectInfo info(String key, BasicFileAttributes attrs, Sidecar.Record record, Path file) {
        ObjectInfo.Builder b = ObjectInfo.builder(key).disk(disk).size(attrs.size())
                .lastModified(attrs.lastModifiedTime().toInstant()).etag(FileVersions.etag(attrs));
        if (record != null) {
            b.contentType(record.contentType()).contentDisposition(record.contentDisposition())
                    .cacheControl(record.cacheControl()).metadata(record.metadata()).tags(record.tags())
                    .checksum(ChecksumAlgorithm.CRC32C, record.crc32c());
        } else {
            b.contentType(detectType(key, file));
        }
        return b.build();
    }

    /** The content type of a file without a sidecar record: from its name, else its first bytes. */
    private static String detectType(String key, Path file) {
        String type = ContentTypes.fromKey(key);
        if (type != null || file == null) {
            return type;
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] head = new byte[ContentTypes.SNIFF_BYTES];
            int n = in.readNBytes(head, 0, head.length);
            return ContentTypes.sniff(head, n);
        } catch (IOException e) {
            return null;
        }
    }

    // ---- delete, copy, move -----------------------------------------------------------------

    @Override
    public boolean delete(String key) {
        ensureOpen(Operation.DELETE, key);
        Path file = layout.data(Operation.DELETE, key);
        ReentrantLock lock = locks.lock(key);
        try {
            if (!layout.checkParents(Operation.DELETE, key, file) || regularFile(file) == null) {
                return false;
            }
            try {
                Files.delete(file);
            } catch (NoSuchFileException e) {
                return false; // deleted by another process meanwhile
            }
            Files.deleteIfExists(layout.sidecar(key));
            layout.pruneParents(file);
            return true;
        } catch (IOException e) {
            throw errors.io(Operation.DELETE, key, e);
        } catch (InvalidPathException e) {
            throw errors.unrepresentable(Operation.DELETE, key, e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void deleteMany(List<String> keys) {
        StorageException first = null;
        for (String key : keys) {
            try {
                delete(key);
            } catch (StorageException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public ObjectInfo copy(String sourceKey, String targetKey) {
        ensureOpen(Operation.COPY, sourceKey);
        Path source = layout.data(Operation.COPY, sourceKey);
        Path target = layout.data(Operation.COPY, targetKey);
        Path temp = temps.next();
        boolean published = false;
        try {
            layout.checkParents(Operation.COPY, sourceKey, source);
            Written written;
            Sidecar.Record from;
            try (FileChannel channel = FileChannel.open(source, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                BasicFileAttributes attrs = requireRegular(Operation.COPY, sourceKey, source);
                from = record(sourceKey, FileVersions.etag(attrs));
                written = writeTemp(temp, new RangeInputStream(channel, Long.MAX_VALUE));
            }
            String etag = FileVersions.etag(written.attrs());
            Sidecar.Record record = from == null
                    ? new Sidecar.Record(etag, written.crc32c(), typeOrOctet(detectType(sourceKey, source)), null,
                            null, Map.of(), Map.of())
                    : new Sidecar.Record(etag, written.crc32c(), from.contentType(), from.contentDisposition(),
                            from.cacheControl(), from.metadata(), from.tags());
            publish(Operation.COPY, targetKey, temp, target, record, false, null);
            published = true;
            return info(targetKey, written.attrs(), record);
        } catch (IOException e) {
            throw readFailure(Operation.COPY, sourceKey, e);
        } catch (InvalidPathException e) {
            throw errors.unrepresentable(Operation.COPY, sourceKey, e);
        } finally {
            if (!published) {
                deleteQuietly(temp);
            }
        }
    }

    private static String typeOrOctet(String type) {
        return type == null ? ObjectInfo.OCTET_STREAM : type;
    }

    /** Moves by renaming the data file (same inode, same etag) and carrying its sidecar record. */
    @Override
    public ObjectInfo move(String sourceKey, String targetKey) {
        ensureOpen(Operation.MOVE, sourceKey);
        Path source = layout.data(Operation.MOVE, sourceKey);
        Path target = layout.data(Operation.MOVE, targetKey);
        KeyLocks.Pair held = locks.lock(sourceKey, targetKey);
        try {
            layout.checkParents(Operation.MOVE, sourceKey, source);
            layout.checkParents(Operation.MOVE, targetKey, target);
            BasicFileAttributes attrs = requireRegular(Operation.MOVE, sourceKey, source);
            Sidecar.Record record = record(sourceKey, FileVersions.etag(attrs));
            if (record != null) {
                Path sidecar = layout.sidecar(targetKey);
                writeSidecar(sidecar, Sidecar.of(targetKey, record, readSidecar(sidecar)));
            }
            try {
                moveIntoPlace(Operation.MOVE, targetKey, source, target);
            } catch (AtomicMoveNotSupportedException e) {
                locks.unlock(held);
                held = null;
                return StorageDriver.super.move(sourceKey, targetKey);
            }
            Files.deleteIfExists(layout.sidecar(sourceKey));
            layout.pruneParents(source);
            return info(targetKey, attrs, record, target);
        } catch (IOException e) {
            throw readFailure(Operation.MOVE, sourceKey, e);
        } catch (InvalidPathException e) {
            throw errors.unrepresentable(Operation.MOVE, sourceKey, e);
        } finally {
            if (held != null) {
                locks.unlock(held);
            }
        }
    }

    // ---- listing, URLs, lifecycle -----------------------------------------------------------

    @Override
    public Page list(ListQuery query) {
        ensureOpen(Operation.LIST, query.prefix());
        return lister.list(query);
    }

    @Override
    public URI signedUrl(String key, SignedUrlOptions options) {
        return urls.signedUrl(key, options);
    }

    @Override
    public URI publicUrl(String key) {
        return urls.publicUrl(key);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            temps.close();
        } catch (IOException e) {
            // the next start sweeps what is left
        }
    }

    private void ensureOpen(Operation operation, String key) {
        if (closed) {
            throw new StorageException(disk, operation, key, "the disk is closed", null);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the temp area is swept when a driver next starts
        }
    }

    @Override
    public String toString() {
        return "LocalDriver[" + disk + " at " + root + "]";
    }

    /** The settings this driver reads. */
    static Set<String> settings() {
        return Set.of("root", "fsync", "fsync-directory", "signing-secret", "base-url", "public-url",
                "async-concurrency");
    }

    /** The URL signer and shapes of this disk, for the server that answers its signed URLs. */
    @Override
    public ServedUrls servedUrls() {
        return urls;
    }
}
