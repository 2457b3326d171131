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
import java.nio.charset.StandardCharsets;
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
 * only for that data file. Each version has its own sidecar file, written before the data file is
 * published and removed after it is replaced, so readers always find the one for what they see.
 * A data file without one (written by another tool) gets its content type from its name or first
 * bytes. A crash between the steps leaves at most a small orphan sidecar, which is never used.
 *
 * <p><b>Conditional writes.</b> {@code ifNoneMatch} and {@code ifMatch} are checked and published
 * under a per-key lock, so within one process they are atomic (of 64 racing create-only writes
 * exactly one wins). Create-only writes publish with a hard link, which fails if the name exists,
 * so the data file is never overwritten by a second process either (in that narrow cross-process
 * race both write their own version's sidecar; only the winner's data file is ever published).
 * {@code ifMatch} across several processes sharing one root is not atomic: use one process per
 * root, or a remote driver, when several writers compare-and-swap the same keys.
 *
 * <p><b>Keys that are also folders.</b> S3 lets {@code a} and {@code a/b} both exist; a file
 * system cannot hold a file and a folder of one name. When a key needs {@code a} to be a folder,
 * the object {@code a} moves (same inode, same etag) to {@code a/.stowage}; {@code .stowage} is
 * therefore reserved as a key segment at every level.
 *
 * <p><b>Containment.</b> See {@link LocalLayout}: keys cannot leave the root, and symbolic links
 * below the root are never followed (listings skip them; reading one is "not found").
 *
 * <p>Settings: {@code root} (default {@code ./storage}), {@code fsync}, {@code fsync-directory},
 * and {@code signing-secret}, {@code base-url}, {@code public-url} for URLs (see
 * {@link ServedUrls}).
 */
public final class LocalDriver implements StorageDriver {
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
            LocalLayout l = layout;
            this.temps = TempArea.open(layout.tmpRoot(), work -> recoverConversion(l, work));
        } catch (InvalidPathException e) {
            throw new StorageConfigurationException(disk, "root '" + configured + "' is not a valid path: "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new StorageConfigurationException(disk, "cannot open root '" + configured + "': " + e, e);
        }
        this.lister = new LocalLister(disk, root, layout, errors);
        EnumSet<Capability> caps = EnumSet.of(Capability.RANGE_READ, Capability.METADATA, Capability.TAGS,
                Capability.CONDITIONAL_CREATE, Capability.CONDITIONAL_UPDATE, Capability.SERVER_SIDE_COPY,
                Capability.PUBLIC_URL, Capability.CHECKSUMS, Capability.TAG_SEARCH);
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

    /** Where a key's object is, or would go. */
    private record Location(Path dest, BasicFileAttributes attrs, boolean link) {
        boolean exists() {
            return attrs != null;
        }
    }

    /**
     * Finds the object of a key path: the file itself or, if the path is a folder, the folder's
     * {@link LocalLayout#self self file}. {@code dest} is where a new version goes.
     */
    private static Location locate(Path path) throws IOException {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return new Location(path, null, false);
        }
        if (attrs.isRegularFile()) {
            return new Location(path, attrs, false);
        }
        if (attrs.isDirectory()) {
            Path self = LocalLayout.self(path);
            try {
                BasicFileAttributes selfAttrs = Files.readAttributes(self, BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                return new Location(self, selfAttrs.isRegularFile() ? selfAttrs : null, false);
            } catch (NoSuchFileException e) {
                return new Location(self, null, false);
            }
        }
        return new Location(path, null, attrs.isSymbolicLink());
    }

    /**
     * Locates a key's object for reading. A miss is checked again under the key's lock, because
     * turning an object into a folder (see {@link #toFolder}) briefly moves it away under that lock.
     */
    private Location locateForRead(Operation operation, String key, Path path) throws IOException {
        if (!layout.checkParents(operation, key, path)) {
            return new Location(path, null, false);
        }
        Location location = locate(path);
        if (location.exists()) {
            return location;
        }
        ReentrantLock lock = locks.lock(key);
        try {
            return locate(path);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Makes a complete temp file the key's data: under the key's lock, checks the precondition,
     * writes this version's sidecar (the previous version keeps its own until it is replaced) and
     * renames (or, create-only, hard-links) the temp file into place. Missing folders are created
     * (and objects in their way turned into folders) outside the lock, then the step is retried.
     */
    private void publish(Operation operation, String key, Path temp, Path path, Sidecar.Record record,
            boolean ifNoneMatch, String ifMatch) throws IOException {
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
                    Location current = locate(path);
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
                    if (sidecarBytes == null) {
                        sidecarBytes = new Sidecar(key, List.of(record)).encode();
                    }
                    writeSidecar(layout.sidecar(key, record.etag()), sidecarBytes);
                    sidecarWritten = true;
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

    private static boolean isDirectory(FileSystemException e) {
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
    private void toFolder(String folderKey, Path file) throws IOException {
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
    private static void recoverConversion(LocalLayout layout, Path work) throws IOException {
        Path keyFile = work.resolve("key");
        Path self = LocalLayout.self(work.resolve("folder"));
        if (!Files.exists(keyFile, LinkOption.NOFOLLOW_LINKS) || !Files.exists(self, LinkOption.NOFOLLOW_LINKS)) {
            return; // nothing was moved yet, or it all went through
        }
        String key = Files.readString(keyFile, StandardCharsets.UTF_8);
        Path file = layout.data(Operation.OPEN_DISK, key);
        Location location = locate(file);
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

    /**
     * Writes a version's sidecar at its own, new name. No temp file and rename are needed: nobody
     * looks for it before its data file is published, which happens after this returns; a torn
     * sidecar (power cut) is ignored when read. Not replacing an existing file also spares ext4's
     * flush-on-replace, so a write costs one synchronous flush: the data file's.
     */
    private void writeSidecar(Path sidecar, byte[] content) throws IOException {
        try {
            Files.write(sidecar, content);
        } catch (NoSuchFileException e) {
            Files.createDirectories(sidecar.getParent());
            Files.write(sidecar, content);
        }
    }

    /** The sidecar record describing the data file whose etag is {@code etag}, or {@code null}. */
    private Sidecar.Record record(String key, String etag) throws IOException {
        Sidecar sidecar = readSidecar(layout.sidecar(key, etag));
        return sidecar == null || !sidecar.key().equals(key) ? null : sidecar.recordFor(etag);
    }

    // ---- reads -------------------------------------------------------------------------------

    @Override
    public InputStream read(String key, ByteRange range) {
        ensureOpen(Operation.READ, key);
        Path file = layout.data(Operation.READ, key);
        try {
            Location location = requireObject(Operation.READ, key, file);
            FileChannel channel = FileChannel.open(location.dest(), StandardOpenOption.READ,
                    LinkOption.NOFOLLOW_LINKS);
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
            Location location = requireObject(Operation.STAT, key, file);
            BasicFileAttributes attrs = location.attrs();
            Sidecar.Record record = record(key, FileVersions.etag(attrs));
            for (int attempt = 0; record == null && attempt < 4; attempt++) {
                // No record: a foreign file, or writes replaced the file (and its sidecar) between our two
                // reads. In the latter case the file's etag has changed: look again.
                location = requireObject(Operation.STAT, key, file);
                if (FileVersions.etag(location.attrs()).equals(FileVersions.etag(attrs))) {
                    break;
                }
                attrs = location.attrs();
                record = record(key, FileVersions.etag(attrs));
            }
            return info(key, attrs, record, location.dest());
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

    /** The key's object, or not-found (folders without a self file and links are not objects). */
    private Location requireObject(Operation operation, String key, Path file) throws IOException {
        Location location = locateForRead(operation, key, file);
        if (location.exists()) {
            return location;
        }
        if (location.link()) {
            throw new dev.stowage.ObjectNotFoundException(disk, operation, key,
                    "object not found: '" + key + "' is a symbolic link, which the local driver never follows", null);
        }
        throw errors.notFound(operation, key, null);
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
            if (!layout.checkParents(Operation.DELETE, key, file)) {
                return false;
            }
            Location location = locate(file);
            if (!location.exists()) {
                return false;
            }
            try {
                Files.delete(location.dest());
            } catch (NoSuchFileException e) {
                return false; // deleted by another process meanwhile
            }
            Files.deleteIfExists(layout.sidecar(key, FileVersions.etag(location.attrs())));
            layout.pruneParents(location.dest());
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
            Location location = requireObject(Operation.COPY, sourceKey, source);
            Written written;
            Sidecar.Record from;
            try (FileChannel channel = FileChannel.open(location.dest(), StandardOpenOption.READ,
                    LinkOption.NOFOLLOW_LINKS)) {
                from = record(sourceKey, FileVersions.etag(location.attrs()));
                written = writeTemp(temp, new RangeInputStream(channel, Long.MAX_VALUE));
            }
            String etag = FileVersions.etag(written.attrs());
            Sidecar.Record record = from == null
                    ? new Sidecar.Record(etag, written.crc32c(),
                            typeOrOctet(detectType(sourceKey, location.dest())), null, null, Map.of(), Map.of())
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
        try {
            boolean needParents = false;
            byte[] sidecarBytes = null;
            for (int attempt = 1; ; attempt++) {
                if (attempt > MAX_PUBLISH_ATTEMPTS) {
                    throw new IOException("the folders of '" + targetKey + "' kept changing; gave up after "
                            + MAX_PUBLISH_ATTEMPTS + " attempts");
                }
                if (needParents) {
                    layout.createParents(Operation.MOVE, targetKey, target, this::toFolder);
                    needParents = false;
                }
                KeyLocks.Pair held = locks.lock(sourceKey, targetKey);
                try {
                    if (!layout.checkParents(Operation.MOVE, sourceKey, source)) {
                        throw errors.notFound(Operation.MOVE, sourceKey, null);
                    }
                    Location from = locate(source);
                    if (!from.exists()) {
                        throw from.link() ? new dev.stowage.ObjectNotFoundException(disk, Operation.MOVE, sourceKey,
                                "object not found: '" + sourceKey + "' is a symbolic link, which the local driver"
                                        + " never follows", null) : errors.notFound(Operation.MOVE, sourceKey, null);
                    }
                    if (!layout.checkParents(Operation.MOVE, targetKey, target)) {
                        needParents = true;
                        continue;
                    }
                    Location to = locate(target);
                    Sidecar.Record record = record(sourceKey, FileVersions.etag(from.attrs()));
                    if (record != null) {
                        if (sidecarBytes == null) {
                            sidecarBytes = new Sidecar(targetKey, List.of(record)).encode();
                        }
                        writeSidecar(layout.sidecar(targetKey, record.etag()), sidecarBytes);
                    }
                    try {
                        Files.move(from.dest(), to.dest(), StandardCopyOption.ATOMIC_MOVE);
                    } catch (AtomicMoveNotSupportedException e) {
                        locks.unlock(held);
                        held = null;
                        return StorageDriver.super.move(sourceKey, targetKey);
                    } catch (NoSuchFileException e) {
                        needParents = true;
                        continue;
                    } catch (FileSystemException e) {
                        if (LocalLayout.isNotDirectory(e)) {
                            needParents = true;
                            continue;
                        }
                        if (isDirectory(e)) {
                            continue;
                        }
                        throw e;
                    }
                    String etag = FileVersions.etag(from.attrs());
                    deleteQuietly(layout.sidecar(sourceKey, etag));
                    if (to.exists() && !FileVersions.etag(to.attrs()).equals(etag)) {
                        deleteQuietly(layout.sidecar(targetKey, FileVersions.etag(to.attrs())));
                    }
                    layout.pruneParents(from.dest());
                    if (fsyncDirectory) {
                        forceDirectory(to.dest().getParent());
                    }
                    return info(targetKey, from.attrs(), record, to.dest());
                } finally {
                    if (held != null) {
                        locks.unlock(held);
                    }
                }
            }
        } catch (IOException e) {
            throw readFailure(Operation.MOVE, sourceKey, e);
        } catch (InvalidPathException e) {
            throw errors.unrepresentable(Operation.MOVE, sourceKey, e);
        }
    }

    // ---- listing, URLs, lifecycle -----------------------------------------------------------

    @Override
    public Page list(ListQuery query) {
        ensureOpen(Operation.LIST, query.prefix());
        return lister.list(query);
    }

    /**
     * Keys whose tags match {@code query} ({@code "name" = 'value'} conditions joined by {@code AND}).
     * There is no index: this reads every sidecar, so its cost grows with the number of objects
     * carrying metadata. Fine for development and small disks; use a provider with a tag index
     * (Azure) for large ones.
     */
    @Override
    public List<ObjectInfo> findByTags(String query) {
        ensureOpen(Operation.LIST, null);
        Map<String, String> wanted = TagSearch.parse(disk, query);
        List<ObjectInfo> found = new java.util.ArrayList<>();
        try (java.util.stream.Stream<Path> sidecars = Files.walk(layout.metaRoot(), 2)) {
            for (Path path : (Iterable<Path>) sidecars::iterator) {
                Sidecar sidecar;
                try {
                    if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                        continue;
                    }
                    sidecar = readSidecar(path);
                } catch (IOException e) {
                    continue; // deleted meanwhile
                }
                if (sidecar == null || sidecar.records().isEmpty()
                        || !TagSearch.matches(sidecar.records().get(0).tags(), wanted)) {
                    continue;
                }
                try {
                    ObjectInfo info = stat(sidecar.key());
                    if (info.etag().equals(sidecar.records().get(0).etag())
                            && TagSearch.matches(info.tags(), wanted)) {
                        found.add(info);
                    }
                } catch (StorageException e) {
                    // a stale sidecar of a deleted or replaced object, or a key no longer valid here
                }
            }
        } catch (IOException e) {
            throw errors.io(Operation.LIST, null, e);
        }
        found.sort((a, b) -> dev.stowage.spi.KeyOrder.compare(a.key(), b.key()));
        return found;
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
}
