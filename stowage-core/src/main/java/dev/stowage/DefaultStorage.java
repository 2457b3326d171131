package dev.stowage;

import dev.stowage.spi.ListQuery;
import dev.stowage.spi.StorageDriver;
import dev.stowage.spi.WriteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The front end over one driver: validates keys, checks capabilities, detects content types,
 * meters and limits content, and writes the conveniences once for every driver.
 */
final class DefaultStorage implements Storage {
    private static final int DELETE_BATCH = 1000;

    private final StorageDriver driver;
    private final int asyncConcurrency;
    private final DownloadSettings downloads;
    private volatile DefaultAsyncStorage async;

    DefaultStorage(StorageDriver driver, int asyncConcurrency) {
        this(driver, asyncConcurrency, DownloadSettings.DEFAULTS);
    }

    DefaultStorage(StorageDriver driver, int asyncConcurrency, DownloadSettings downloads) {
        this.driver = Objects.requireNonNull(driver, "driver");
        if (asyncConcurrency < 1) {
            throw new IllegalArgumentException("async concurrency must be >= 1");
        }
        this.asyncConcurrency = asyncConcurrency;
        this.downloads = Objects.requireNonNull(downloads, "downloads");
    }

    @Override
    public String name() {
        return driver.disk();
    }

    @Override
    public Capabilities capabilities() {
        return driver.capabilities();
    }

    // ---- writes ----------------------------------------------------------------------------

    @Override
    public ObjectInfo put(String key, Content content) {
        return put(key, content, PutOptions.DEFAULTS);
    }

    @Override
    public ObjectInfo put(String key, Content content, PutOptions options) {
        String k = StorageKey.require(name(), Operation.WRITE, key);
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(options, "options");
        requireWriteCapabilities(k, options);
        long length;
        try {
            length = content.length();
        } catch (UncheckedIOException e) {
            throw new StorageException(name(), Operation.WRITE, k, "cannot read the content: " + e.getMessage(), e);
        }
        if (options.maxSize() >= 0 && length > options.maxSize()) {
            throw new ContentTooLargeException(name(), Operation.WRITE, k,
                    "content is " + length + " bytes; the limit is " + options.maxSize(), null);
        }
        String contentType = options.contentType();
        if (contentType == null) {
            contentType = ContentTypes.fromKey(k);
        }
        Content body = content;
        if (contentType == null) {
            Sniffed sniffed = sniff(k, content);
            contentType = sniffed.type == null ? ObjectInfo.OCTET_STREAM : sniffed.type;
            body = sniffed.content;
        }
        MeteredInputStream meter = null;
        boolean streaming = body instanceof Content.Stream || body instanceof Content.Publisher;
        if (options.progress() != null || (options.maxSize() >= 0 && length < 0) || (streaming && length >= 0)) {
            meter = new MeteredInputStream(open(k, body), length, options.maxSize(), options.progress());
            body = new Content.Stream(meter, length);
        }
        try {
            ObjectInfo info = driver.write(k, body, WriteOptions.from(options, contentType));
            if (options.progress() != null && meter != null && meter.count() == 0 && length == 0) {
                options.progress().onProgress(0, 0);
            }
            return info;
        } catch (RuntimeException e) {
            if (meter != null && meter.tooLarge()) {
                throw new ContentTooLargeException(name(), Operation.WRITE, k,
                        "content exceeds the limit of " + options.maxSize() + " bytes; nothing was stored", e);
            }
            if (meter != null && meter.lengthMismatch() != null) {
                throw new StorageException(name(), Operation.WRITE, k,
                        meter.lengthMismatch() + "; nothing was stored", e);
            }
            throw translate(e, Operation.WRITE, k);
        }
    }

    private void requireWriteCapabilities(String key, PutOptions options) {
        if (!options.tags().isEmpty()) {
            require(Capability.TAGS, Operation.WRITE, key);
        }
        if (!options.metadata().isEmpty()) {
            require(Capability.METADATA, Operation.WRITE, key);
        }
        if (options.ifNoneMatch()) {
            require(Capability.CONDITIONAL_CREATE, Operation.WRITE, key);
        }
        if (options.ifMatch() != null) {
            require(Capability.CONDITIONAL_UPDATE, Operation.WRITE, key);
        }
    }

    private void require(Capability capability, Operation operation, String key) {
        if (!driver.capabilities().supports(capability)) {
            throw new UnsupportedCapabilityException(name(), operation, key, driver.driverName(), capability);
        }
    }

    private record Sniffed(String type, Content content) {
    }

    private Sniffed sniff(String key, Content content) {
        byte[] head = new byte[ContentTypes.SNIFF_BYTES];
        if (content instanceof Content.Bytes b) {
            int n = Math.min(head.length, b.bytes().length);
            return new Sniffed(ContentTypes.sniff(b.bytes(), n), content);
        }
        if (content instanceof Content.File) {
            try (InputStream in = content.openStream()) {
                int n = in.readNBytes(head, 0, head.length);
                return new Sniffed(ContentTypes.sniff(head, n), content);
            } catch (IOException e) {
                throw new StorageException(name(), Operation.WRITE, key, "cannot read the content: " + e.getMessage(), e);
            }
        }
        try {
            PushbackInputStream in = new PushbackInputStream(open(key, content), head.length);
            int n = in.readNBytes(head, 0, head.length);
            if (n > 0) {
                in.unread(head, 0, n);
            }
            return new Sniffed(ContentTypes.sniff(head, n), new Content.Stream(in, content.length()));
        } catch (IOException e) {
            throw new StorageException(name(), Operation.WRITE, key, "cannot read the content: " + e.getMessage(), e);
        }
    }

    private InputStream open(String key, Content content) {
        try {
            return content.openStream();
        } catch (IOException e) {
            throw new StorageException(name(), Operation.WRITE, key, "cannot open the content: " + e.getMessage(), e);
        }
    }

    @Override
    public ObjectInfo copy(String sourceKey, String targetKey) {
        String from = StorageKey.require(name(), Operation.COPY, sourceKey);
        String to = StorageKey.require(name(), Operation.COPY, targetKey);
        if (from.equals(to)) {
            return stat(from);
        }
        return call(Operation.COPY, from, () -> driver.copy(from, to));
    }

    @Override
    public ObjectInfo move(String sourceKey, String targetKey) {
        String from = StorageKey.require(name(), Operation.MOVE, sourceKey);
        String to = StorageKey.require(name(), Operation.MOVE, targetKey);
        if (from.equals(to)) {
            return stat(from);
        }
        return call(Operation.MOVE, from, () -> driver.move(from, to));
    }

    @Override
    public boolean delete(String key) {
        String k = StorageKey.require(name(), Operation.DELETE, key);
        return call(Operation.DELETE, k, () -> driver.delete(k));
    }

    @Override
    public void deleteAll(Collection<String> keys) {
        LinkedHashSet<String> unique = new LinkedHashSet<>();
        for (String key : keys) {
            unique.add(StorageKey.require(name(), Operation.DELETE, key));
        }
        List<String> batch = new ArrayList<>(Math.min(unique.size(), DELETE_BATCH));
        for (String key : unique) {
            batch.add(key);
            if (batch.size() == DELETE_BATCH) {
                deleteBatch(batch);
                batch = new ArrayList<>(DELETE_BATCH);
            }
        }
        if (!batch.isEmpty()) {
            deleteBatch(batch);
        }
    }

    private void deleteBatch(List<String> batch) {
        call(Operation.DELETE, batch.get(0), () -> {
            driver.deleteMany(List.copyOf(batch));
            return null;
        });
    }

    @Override
    public long deletePrefix(String prefix) {
        String p = StorageKey.requirePrefix(name(), Operation.DELETE, prefix);
        long deleted = 0;
        // Collect one page at a time, then delete it: listing never runs far ahead of deletion.
        String cursor = null;
        while (true) {
            String after = cursor;
            Page page = call(Operation.LIST, p, () -> driver.list(new ListQuery(p, null, after, DELETE_BATCH)));
            if (page.objects().isEmpty()) {
                return deleted;
            }
            List<String> keys = page.objects().stream().map(ObjectInfo::key).toList();
            deleteBatch(keys);
            deleted += keys.size();
            if (!page.hasMore()) {
                return deleted;
            }
            cursor = page.nextCursor();
        }
    }

    // ---- reads -----------------------------------------------------------------------------

    @Override
    public byte[] getBytes(String key) {
        String k = StorageKey.require(name(), Operation.READ, key);
        try {
            return driver.readAllBytes(k);
        } catch (IOException e) {
            throw readFailure(k, e);
        } catch (RuntimeException e) {
            throw translate(e, Operation.READ, k);
        }
    }

    @Override
    public String getString(String key) {
        return new String(getBytes(key), StandardCharsets.UTF_8);
    }

    @Override
    public InputStream open(String key) {
        return open(key, ByteRange.ALL);
    }

    @Override
    public InputStream open(String key, ByteRange range) {
        String k = StorageKey.require(name(), Operation.READ, key);
        Objects.requireNonNull(range, "range");
        if (!range.isAll()) {
            require(Capability.RANGE_READ, Operation.READ, k);
        }
        return openRaw(k, range);
    }

    private InputStream openRaw(String key, ByteRange range) {
        return call(Operation.READ, key, () -> driver.read(key, range));
    }

    @Override
    public long download(String key, Path target) {
        String k = StorageKey.require(name(), Operation.READ, key);
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            // Not Files.createTempFile: that makes the file owner-only; downloads get the umask's permissions.
            temp = dir.resolve("." + absolute.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".part");
            Files.createFile(temp);
            long n = rangedDownloads() ? fetchRanged(k, temp) : fetchSequential(k, temp);
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
            return n;
        } catch (IOException e) {
            throw readFailure(k, e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // best effort: a stray .part file is harmless and named as such
                }
            }
        }
    }

    /** Whether this disk fetches large downloads as parallel ranges (see {@link DownloadSettings}). */
    private boolean rangedDownloads() {
        return downloads.concurrency() > 1 && driver.prefersParallelRangedReads()
                && driver.capabilities().supports(Capability.RANGE_READ);
    }

    private long fetchSequential(String key, Path temp) throws IOException {
        try (InputStream in = openRaw(key, ByteRange.ALL); OutputStream out = Files.newOutputStream(temp)) {
            return in.transferTo(out);
        }
    }

    /**
     * Stat, then ranges pinned to the etag seen. If the object is replaced meanwhile, starts over
     * once from a fresh stat (the temp file is truncated); a second change fails the download.
     */
    private long fetchRanged(String key, Path temp) throws IOException {
        RangedDownload ranged = new RangedDownload(driver, downloads);
        PreconditionFailedException changed = null;
        for (int attempt = 1; attempt <= 2; attempt++) {
            ObjectInfo info = call(Operation.READ, key, () -> driver.stat(key));
            if (!downloads.ranged(info.size()) || info.etag() == null || info.etag().isEmpty()) {
                return fetchSequential(key, temp);
            }
            try {
                return ranged.fetch(key, info, temp);
            } catch (PreconditionFailedException e) {
                changed = e;
            }
        }
        throw new PreconditionFailedException(name(), Operation.READ, key,
                "the object changed twice while being downloaded in ranges; nothing was written", changed);
    }

    @Override
    public ObjectInfo stat(String key) {
        String k = StorageKey.require(name(), Operation.STAT, key);
        return call(Operation.STAT, k, () -> driver.stat(k));
    }

    @Override
    public boolean exists(String key) {
        try {
            stat(key);
            return true;
        } catch (ObjectNotFoundException e) {
            return false;
        }
    }

    @Override
    public Map<String, String> tags(String key) {
        String k = StorageKey.require(name(), Operation.TAGS, key);
        require(Capability.TAGS, Operation.TAGS, k);
        return call(Operation.TAGS, k, () -> driver.tags(k));
    }

    @Override
    public Stream<ObjectInfo> list(String prefix) {
        String p = StorageKey.requirePrefix(name(), Operation.LIST, prefix);
        Iterator<ObjectInfo> it = new Iterator<>() {
            private Iterator<ObjectInfo> current = List.<ObjectInfo>of().iterator();
            private String cursor;
            private boolean last;

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && !last) {
                    String after = cursor;
                    Page page = call(Operation.LIST, p,
                            () -> driver.list(new ListQuery(p, null, after, ListRequest.MAX_LIMIT)));
                    current = page.objects().iterator();
                    cursor = page.nextCursor();
                    last = !page.hasMore();
                }
                return current.hasNext();
            }

            @Override
            public ObjectInfo next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it,
                Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.DISTINCT), false);
    }

    @Override
    public Page list(ListRequest request) {
        String p = StorageKey.requirePrefix(name(), Operation.LIST, request.prefix());
        return call(Operation.LIST, p,
                () -> driver.list(new ListQuery(p, request.delimiter(), request.after(), request.limit())));
    }

    @Override
    public URI url(String key) {
        String k = StorageKey.require(name(), Operation.PUBLIC_URL, key);
        require(Capability.PUBLIC_URL, Operation.PUBLIC_URL, k);
        return call(Operation.PUBLIC_URL, k, () -> driver.publicUrl(k));
    }

    @Override
    public URI signedUrl(String key, SignedUrlOptions options) {
        String k = StorageKey.require(name(), Operation.SIGN_URL, key);
        require(options.method() == SignedUrlOptions.Method.GET ? Capability.SIGNED_GET : Capability.SIGNED_PUT,
                Operation.SIGN_URL, k);
        return call(Operation.SIGN_URL, k, () -> driver.signedUrl(k, options));
    }

    @Override
    public List<ObjectInfo> findByTags(String query) {
        require(Capability.TAG_SEARCH, Operation.LIST, null);
        return call(Operation.LIST, null, () -> driver.findByTags(query));
    }

    // ---- plumbing ----------------------------------------------------------------------------

    @Override
    public AsyncStorage async() {
        DefaultAsyncStorage a = async;
        if (a == null) {
            synchronized (this) { // no I/O under this lock
                a = async;
                if (a == null) {
                    a = new DefaultAsyncStorage(this, asyncConcurrency);
                    async = a;
                }
            }
        }
        return a;
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        Object current = driver;
        while (current != null) {
            if (type.isInstance(current)) {
                return type.cast(current);
            }
            current = current instanceof Unwrappable u ? u.delegate() : null;
        }
        throw new IllegalArgumentException("disk '" + name() + "' has no " + type.getName() + " underneath (driver: "
                + driver.getClass().getName() + ")");
    }

    @Override
    public void close() {
        DefaultAsyncStorage a = async;
        if (a != null) {
            a.shutdown();
        }
        driver.close();
    }

    @Override
    public String toString() {
        return "Storage[" + name() + " (" + driver.driverName() + ")]";
    }

    StorageDriver driver() {
        return driver;
    }

    private <T> T call(Operation operation, String key, Supplier<T> body) {
        try {
            return body.get();
        } catch (RuntimeException e) {
            throw translate(e, operation, key);
        }
    }

    private StorageException translate(RuntimeException e, Operation operation, String key) {
        if (e instanceof StorageException se) {
            return se;
        }
        if (e instanceof UncheckedIOException io) {
            return new StorageException(name(), operation, key, "I/O error: " + io.getCause().getMessage(), io);
        }
        return new StorageException(name(), operation, key,
                "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }

    private StorageException readFailure(String key, IOException e) {
        return new StorageUnavailableException(name(), Operation.READ, key, "I/O error while reading: " + e.getMessage(),
                e);
    }
}
