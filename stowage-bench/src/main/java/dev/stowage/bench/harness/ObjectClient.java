package dev.stowage.bench.harness;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One contender's way of doing each standard operation: Stowage, the raw SDK or NIO, OpenDAL.
 * Each does the operation the way its users would (its own best API for it), so the comparison
 * is of what a user gets, not of one call shape forced on all.
 */
public interface ObjectClient extends AutoCloseable {

    /** The contender's name in reports ("stowage", "aws sdk", "opendal"...). */
    String name();

    /** Stores {@code data} under {@code key}, replacing it. */
    void put(String key, byte[] data) throws Exception;

    /** Reads the whole object. */
    byte[] get(String key) throws Exception;

    /** The object's size, from its metadata (no content read). */
    long stat(String key) throws Exception;

    /**
     * Lists every key under {@code prefix} (ends with {@code /}), with {@code /} as a delimiter or
     * recursively, walking every page; returns how many entries it saw.
     */
    int list(String prefix, boolean delimiter) throws Exception;

    /** Deletes these keys (a batch where the client has one). */
    void deleteAll(List<String> keys) throws Exception;

    /** Stores a large object from a stream of known length (multipart/blocks where the client can). */
    void upload(String key, InputStream in, long length) throws Exception;

    /** Downloads a large object into {@code target} (parallel ranged reads where the client can). */
    void download(String key, Path target) throws Exception;

    /** Starts a put without waiting for it (the client's asynchronous API). */
    CompletableFuture<?> putAsync(String key, byte[] data) throws Exception;

    @Override
    default void close() throws Exception {
    }
}
