package dev.stowage;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * The same disk as {@link Storage}, asynchronous: operations return {@code CompletableFuture}s and
 * run on virtual threads, at most a configured number at a time (others wait their turn without
 * holding a thread). Reads can be consumed as a {@link Flow.Publisher} with backpressure.
 */
public interface AsyncStorage {

    /** See {@link Storage#put(String, Content, PutOptions)}. */
    CompletableFuture<ObjectInfo> put(String key, Content content, PutOptions options);

    /** See {@link Storage#put(String, Content)}. */
    CompletableFuture<ObjectInfo> put(String key, Content content);

    CompletableFuture<byte[]> getBytes(String key);

    CompletableFuture<String> getString(String key);

    /**
     * The object's bytes as a publisher that reads only as fast as the subscriber requests
     * (one chunk per request). The read starts on subscription.
     */
    Flow.Publisher<ByteBuffer> read(String key, ByteRange range);

    /** The whole object as a publisher. */
    Flow.Publisher<ByteBuffer> read(String key);

    CompletableFuture<Long> download(String key, Path target);

    CompletableFuture<ObjectInfo> stat(String key);

    CompletableFuture<Boolean> exists(String key);

    CompletableFuture<Page> list(ListRequest request);

    CompletableFuture<ObjectInfo> copy(String sourceKey, String targetKey);

    CompletableFuture<ObjectInfo> move(String sourceKey, String targetKey);

    CompletableFuture<Boolean> delete(String key);

    CompletableFuture<Void> deleteAll(Collection<String> keys);

    CompletableFuture<Long> deletePrefix(String prefix);

    CompletableFuture<URI> signedUrl(String key, SignedUrlOptions options);

    /** The blocking view of the same disk. */
    Storage blocking();
}
