package dev.stowage.spi;

import dev.stowage.Capabilities;
import dev.stowage.Content;
import dev.stowage.ObjectInfo;
import dev.stowage.Page;
import dev.stowage.SignedUrlOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The small, raw interface a storage backend implements. Everything users get for free (key
 * validation, content-type detection, conveniences, progress, size limits, async) is done once
 * above it, in the front end; a driver only moves bytes and metadata.
 *
 * <p>Keys and prefixes reaching a driver are valid ({@link dev.stowage.StorageKey}). Failures are
 * thrown as {@link dev.stowage.StorageException} subclasses naming the disk, operation and key,
 * with the provider's exception as cause. Implementations are thread-safe.
 */
public interface StorageDriver extends AutoCloseable {

    /** The disk this driver serves, used in messages and {@link ObjectInfo#disk()}. */
    String disk();

    /** The driver's short name ({@code memory}, {@code local}, {@code s3}...), used in messages. */
    String driverName();

    /** What this driver supports. Must not change over the driver's life. */
    Capabilities capabilities();

    /**
     * The most operations {@link dev.stowage.Storage#async()} runs on this driver at once when the
     * disk does not set {@code async-concurrency}. Default
     * {@link dev.stowage.Stowage#DEFAULT_ASYNC_CONCURRENCY}: right for network drivers, whose calls
     * park their virtual thread without holding a platform thread. A driver whose calls block in the
     * file system lowers it: the JDK gives each virtual thread blocked in a file-system call a
     * platform thread of its own (the scheduler compensates), so the async API's platform threads
     * grow with its concurrency. Must not change over the driver's life.
     */
    default int asyncConcurrency() {
        return dev.stowage.Stowage.DEFAULT_ASYNC_CONCURRENCY;
    }

    /**
     * Stores {@code content} under {@code key}, atomically: on any failure (including the content
     * stream failing, or a precondition) nothing is visible and any previous object is intact.
     * Honours {@code options.ifNoneMatch()} and {@code options.ifMatch()} atomically.
     *
     * @return the stored object's info (size, etag, checksums at least)
     */
    ObjectInfo write(String key, Content content, WriteOptions options);

    /**
     * Opens the object's bytes in {@code range}. A range starting at or past the end yields an
     * empty stream; an end past the end is cut. The caller closes the stream.
     *
     * @throws dev.stowage.ObjectNotFoundException if there is no such object
     */
    InputStream read(String key, dev.stowage.ByteRange range);

    /**
     * Like {@link #read}, but only from the version of the object whose etag (as this driver's
     * {@link #stat} reports it) is {@code etag}: the provider checks it per request (HTTP
     * {@code If-Match}, a GCS generation), so that ranges fetched one by one all come from one
     * version. Only called on drivers whose {@link #prefersParallelRangedReads()} is {@code true}.
     * Default: not supported.
     *
     * @throws dev.stowage.PreconditionFailedException if the object now has another etag
     * @throws dev.stowage.ObjectNotFoundException if there is no such object
     */
    default InputStream readIfMatch(String key, dev.stowage.ByteRange range, String etag) {
        throw new dev.stowage.StorageException(disk(), dev.stowage.Operation.READ, key, "the " + driverName()
                + " driver cannot pin a read to an etag", null);
    }

    /**
     * A hint for {@link dev.stowage.Storage#download}: whether a large object arrives sooner as
     * several ranges fetched in parallel ({@code true} for remote stores, where one stream is bound by
     * one connection's throughput) than as one sequential stream ({@code false}, the default: memory
     * and local disks, where one copy is fastest). A driver answering {@code true} has
     * {@link dev.stowage.Capability#RANGE_READ} and implements {@link #readIfMatch}. Must not change
     * over the driver's life.
     */
    default boolean prefersParallelRangedReads() {
        return false;
    }

    /**
     * The whole object's bytes, for {@code Storage.getBytes}. Default: {@link #read} of the whole
     * object, read to its end (so layers that override {@code read} are honoured without doing
     * anything). Drivers that hold the bytes, or can size the object before reading it, override
     * it to skip the stream and its buffers: one exact allocation, one copy.
     *
     * @throws dev.stowage.ObjectNotFoundException if there is no such object
     * @throws IOException if reading the bytes fails after the object was found
     */
    default byte[] readAllBytes(String key) throws IOException {
        try (InputStream in = read(key, dev.stowage.ByteRange.ALL)) {
            return in.readAllBytes();
        }
    }

    /**
     * The object's size, type, etag, checksums, metadata and (where cheap) tags.
     *
     * @throws dev.stowage.ObjectNotFoundException if there is no such object
     */
    ObjectInfo stat(String key);

    /** The object's tags. Default: from {@link #stat}. Drivers that fetch tags separately override. */
    default Map<String, String> tags(String key) {
        return stat(key).tags();
    }

    /** Deletes the object; returns whether it existed. Deleting a missing key returns {@code false}. */
    boolean delete(String key);

    /**
     * Deletes every key given; missing keys are ignored. Drivers with batch APIs send up to their
     * batch size per request. Throws if any delete failed, naming the first failed key.
     */
    void deleteMany(List<String> keys);

    /** One page of keys in UTF-8 byte order; see {@link ListQuery}. */
    Page list(ListQuery query);

    /**
     * Copies an object within the disk, keeping content type, metadata and headers; overwrites
     * the target.
     *
     * @throws dev.stowage.ObjectNotFoundException if the source does not exist
     */
    ObjectInfo copy(String sourceKey, String targetKey);

    /**
     * Moves an object within the disk. Default: copy, then delete the source. Drivers with an
     * atomic rename override.
     */
    default ObjectInfo move(String sourceKey, String targetKey) {
        ObjectInfo info = copy(sourceKey, targetKey);
        delete(sourceKey);
        return info;
    }

    /**
     * A URL that lets its holder GET or PUT the object without credentials until it expires.
     *
     * @throws dev.stowage.UnsupportedCapabilityException or
     *     {@link dev.stowage.StorageConfigurationException} if this disk cannot sign
     */
    URI signedUrl(String key, SignedUrlOptions options);

    /**
     * The public (or CDN) URL of the object. Not a guarantee that it is publicly readable.
     *
     * @throws dev.stowage.StorageConfigurationException if no public URL is configured or derivable
     */
    URI publicUrl(String key);

    /**
     * Keys whose tags match {@code query} (the provider's tag-query syntax). Only for drivers with
     * {@link dev.stowage.Capability#TAG_SEARCH}.
     */
    default List<ObjectInfo> findByTags(String query) {
        throw new dev.stowage.UnsupportedCapabilityException(disk(), dev.stowage.Operation.LIST, null, driverName(),
                dev.stowage.Capability.TAG_SEARCH);
    }

    /** Releases clients and threads. Idempotent. */
    @Override
    void close();
}
