package dev.stowage;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The non-destructive half of {@link Storage}: reading bytes, stat, listing and URLs. Hand this
 * type to code that must not change anything.
 */
public interface StorageReader {

    /** The disk name. */
    String name();

    /** What the disk's driver supports. */
    Capabilities capabilities();

    /** The whole object as bytes. Mind the size: prefer {@link #open} for large objects. */
    byte[] getBytes(String key);

    /** The whole object decoded as UTF-8. */
    String getString(String key);

    /** A stream of the whole object; close it. */
    InputStream open(String key);

    /** A stream of part of the object (see {@link ByteRange} for edge cases); close it. */
    InputStream open(String key, ByteRange range);

    /**
     * Writes the object to {@code target} atomically (a temp file beside it, then a move), creating
     * parent directories. Returns the number of bytes written. On disks whose driver asks for it
     * (S3, Azure, GCS), a large object is fetched as parallel ranges all pinned to one version and
     * checked against its stored CRC32C ({@link DownloadSettings}); on failure no file is left behind.
     */
    long download(String key, Path target);

    /** Size, type, etag, checksums, metadata; {@link ObjectNotFoundException} if absent. */
    ObjectInfo stat(String key);

    /** Whether the object exists. */
    boolean exists(String key);

    /** The object's tags ({@link Capability#TAGS}). */
    Map<String, String> tags(String key);

    /**
     * Every object under {@code prefix}, recursively, in key order, fetched page by page as the
     * stream is consumed. Close the stream (try-with-resources) if you stop early.
     */
    Stream<ObjectInfo> list(String prefix);

    /** One page of a listing; see {@link ListRequest}. */
    Page list(ListRequest request);

    /** The public or CDN URL of an object (not a promise that it is publicly readable). */
    URI url(String key);

    /** A URL that lets its holder GET or PUT the object without credentials until it expires. */
    URI signedUrl(String key, SignedUrlOptions options);

    /** Objects whose tags match a provider query ({@link Capability#TAG_SEARCH}). */
    List<ObjectInfo> findByTags(String query);
}
