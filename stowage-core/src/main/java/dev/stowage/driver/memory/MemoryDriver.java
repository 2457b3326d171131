package dev.stowage.driver.memory;

import dev.stowage.ByteRange;
import dev.stowage.Capabilities;
import dev.stowage.ChecksumAlgorithm;
import dev.stowage.Content;
import dev.stowage.ObjectAlreadyExistsException;
import dev.stowage.ObjectInfo;
import dev.stowage.ObjectNotFoundException;
import dev.stowage.Operation;
import dev.stowage.Page;
import dev.stowage.PreconditionFailedException;
import dev.stowage.SignedUrlOptions;
import dev.stowage.StorageException;
import dev.stowage.spi.Checksums;
import dev.stowage.spi.DiskConfig;
import dev.stowage.spi.KeyOrder;
import dev.stowage.spi.ListQuery;
import dev.stowage.spi.StorageDriver;
import dev.stowage.spi.TagQuery;
import dev.stowage.spi.WriteOptions;
import dev.stowage.url.SelfServed;
import dev.stowage.url.ServedUrls;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * A complete in-memory disk: every capability, keys sorted as S3 sorts them, atomic conditional
 * writes. Made to be the test double of applications, with helpers to inspect and reset it and a
 * leak check: {@link #assertNoOpenStreams()} fails if a reader forgot to close a stream.
 *
 * <p>Get it from a storage with {@code storage.unwrap(MemoryDriver.class)}.
 */
public final class MemoryDriver implements StorageDriver, SelfServed {

    private record Entry(byte[] data, ObjectInfo info) {
    }

    private final String disk;
    private final ConcurrentSkipListMap<String, Entry> objects = new ConcurrentSkipListMap<>(KeyOrder.COMPARATOR);
    private final Map<TrackedStream, Throwable> openStreams = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final ServedUrls urls;
    private final Clock clock;

    /** A memory disk named {@code disk} with a random signing secret. */
    public MemoryDriver(String disk) {
        this(DiskConfig.of(disk, "memory"));
    }

    /** A memory disk from settings ({@code signing-secret}, {@code base-url}, {@code public-url}). */
    public MemoryDriver(DiskConfig config) {
        this(config, Clock.systemUTC());
    }

    MemoryDriver(DiskConfig config, Clock clock) {
        this.disk = config.name();
        this.urls = ServedUrls.from(config, true);
        this.clock = clock;
    }

    @Override
    public String disk() {
        return disk;
    }

    @Override
    public String driverName() {
        return "memory";
    }

    @Override
    public Capabilities capabilities() {
        return Capabilities.all();
    }

    @Override
    public ObjectInfo write(String key, Content content, WriteOptions options) {
        byte[] data = readAll(key, content);
        ObjectInfo info = ObjectInfo.builder(key).disk(disk).size(data.length).contentType(options.contentType())
                .lastModified(clock.instant()).etag(Long.toHexString(generation.incrementAndGet()))
                .checksum(ChecksumAlgorithm.CRC32C, Checksums.crc32c(data)).metadata(options.metadata())
                .tags(options.tags()).contentDisposition(options.contentDisposition())
                .cacheControl(options.cacheControl()).build();
        Entry entry = new Entry(data, info);
        if (options.ifNoneMatch()) {
            if (objects.putIfAbsent(key, entry) != null) {
                throw new ObjectAlreadyExistsException(disk, Operation.WRITE, key);
            }
        } else if (options.ifMatch() != null) {
            boolean[] matched = {false};
            objects.computeIfPresent(key, (k, current) -> {
                matched[0] = current.info().etag().equals(options.ifMatch());
                return matched[0] ? entry : current;
            });
            if (!matched[0]) {
                throw new PreconditionFailedException(disk, Operation.WRITE, key,
                        objects.containsKey(key) ? "the object's etag is not '" + options.ifMatch() + "'"
                                : "the object does not exist", null);
            }
        } else {
            objects.put(key, entry);
        }
        return info;
    }

    private byte[] readAll(String key, Content content) {
        if (content instanceof Content.Bytes b) {
            return b.bytes().clone();
        }
        try (InputStream in = content.openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new StorageException(disk, Operation.WRITE, key, "reading the content failed: " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream read(String key, ByteRange range) {
        Entry e = require(Operation.READ, key);
        long size = e.data().length;
        int start = (int) range.startFor(size);
        int length = (int) range.lengthFor(size);
        TrackedStream stream = new TrackedStream(new ByteArrayInputStream(e.data(), start, length));
        openStreams.put(stream, new Throwable("stream of '" + key + "' opened here"));
        return stream;
    }

    /** A copy of the stored bytes, without a stream (nothing to track, nothing to leak). */
    @Override
    public byte[] readAllBytes(String key) {
        return require(Operation.READ, key).data().clone();
    }

    @Override
    public InputStream readIfMatch(String key, ByteRange range, String etag) {
        Entry e = require(Operation.READ, key);
        if (!e.info().etag().equals(etag)) {
            throw new PreconditionFailedException(disk, Operation.READ, key, "the object's etag is not '" + etag + "'",
                    null);
        }
        long size = e.data().length;
        TrackedStream stream = new TrackedStream(new ByteArrayInputStream(e.data(), (int) range.startFor(size),
                (int) range.lengthFor(size)));
        openStreams.put(stream, new Throwable("stream of '" + key + "' opened here"));
        return stream;
    }

    @Override
    public ObjectInfo stat(String key) {
        return require(Operation.STAT, key).info();
    }

    private Entry require(Operation operation, String key) {
        Entry e = objects.get(key);
        if (e == null) {
            throw new ObjectNotFoundException(disk, operation, key);
        }
        return e;
    }

    @Override
    public boolean delete(String key) {
        return objects.remove(key) != null;
    }

    @Override
    public void deleteMany(List<String> keys) {
        keys.forEach(objects::remove);
    }

    @Override
    public Page list(ListQuery query) {
        List<ObjectInfo> items = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String last = null;
        Map<String, Entry> view = query.startAfter() == null || KeyOrder.compare(query.startAfter(), query.prefix()) < 0
                ? objects.tailMap(query.prefix(), true) : objects.tailMap(query.startAfter(), false);
        for (Map.Entry<String, Entry> e : view.entrySet()) {
            String key = e.getKey();
            if (!key.startsWith(query.prefix())) {
                break;
            }
            if (!query.isAfterCursor(key)) {
                continue;
            }
            String entry;
            if (query.delimiter() != null) {
                int d = key.indexOf(query.delimiter(), query.prefix().length());
                if (d >= 0) {
                    String prefix = key.substring(0, d + 1);
                    if (prefix.equals(last)) {
                        continue;
                    }
                    if (items.size() + prefixes.size() == query.limit()) {
                        return new Page(items, prefixes, last);
                    }
                    prefixes.add(prefix);
                    last = prefix;
                    continue;
                }
            }
            entry = key;
            if (items.size() + prefixes.size() == query.limit()) {
                return new Page(items, prefixes, last);
            }
            items.add(e.getValue().info());
            last = entry;
        }
        return new Page(items, prefixes, null);
    }

    @Override
    public ObjectInfo copy(String sourceKey, String targetKey) {
        Entry e = require(Operation.COPY, sourceKey);
        ObjectInfo info = e.info().toBuilder().key(targetKey).lastModified(clock.instant())
                .etag(Long.toHexString(generation.incrementAndGet())).build();
        objects.put(targetKey, new Entry(e.data(), info));
        return info;
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
    public ServedUrls servedUrls() {
        return urls;
    }

    /**
     * Keys whose tags match {@code query}: conditions {@code name = 'value'} (or {@code "name"='value'})
     * joined by {@code AND}, as in Azure's blob index syntax.
     */
    @Override
    public List<ObjectInfo> findByTags(String query) {
        Map<String, String> wanted = TagQuery.parse(disk, query);
        return objects.values().stream().map(Entry::info)
                .filter(info -> TagQuery.matches(info.tags(), wanted))
                .toList();
    }

    @Override
    public void close() {
        // nothing to release: the map lives as long as this object
    }

    // ---- test helpers ------------------------------------------------------------------------

    /** Removes every object. */
    public void clear() {
        objects.clear();
    }

    /** The number of objects stored. */
    public int count() {
        return objects.size();
    }

    /** Every key, in listing order. */
    public Set<String> keys() {
        return objects.keySet().stream().collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    /** The bytes stored under {@code key}, or {@code null}. */
    public byte[] bytes(String key) {
        Entry e = objects.get(key);
        return e == null ? null : e.data().clone();
    }

    /** The number of streams returned by reads and not closed yet. */
    public int openStreamCount() {
        return openStreams.size();
    }

    /**
     * Fails if any stream returned by a read has not been closed; the error's cause shows where the
     * first leaked stream was opened.
     */
    public void assertNoOpenStreams() {
        if (!openStreams.isEmpty()) {
            Throwable where = openStreams.values().iterator().next();
            throw new AssertionError(openStreams.size() + " stream(s) of memory disk '" + disk
                    + "' were opened and never closed", where);
        }
    }

    /** Installs a fixed "now" for last-modified values; for tests of time-based logic. */
    Instant now() {
        return clock.instant();
    }

    private final class TrackedStream extends FilterInputStream {
        TrackedStream(InputStream in) {
            super(in);
        }

        // FilterInputStream reads these through InputStream's generic buffers: ask the array stream.
        @Override
        public byte[] readAllBytes() throws IOException {
            return in.readAllBytes();
        }

        @Override
        public byte[] readNBytes(int len) throws IOException {
            return in.readNBytes(len);
        }

        @Override
        public int readNBytes(byte[] b, int off, int len) throws IOException {
            return in.readNBytes(b, off, len);
        }

        @Override
        public long transferTo(java.io.OutputStream out) throws IOException {
            return in.transferTo(out);
        }

        @Override
        public void close() throws IOException {
            openStreams.remove(this);
            super.close();
        }
    }
}
