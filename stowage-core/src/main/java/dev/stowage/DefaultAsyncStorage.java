package dev.stowage;

import dev.stowage.io.InputStreamPublisher;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Runs each blocking operation on its own virtual thread, at most {@code concurrency} at a time:
 * waiting operations park their virtual thread on a semaphore, holding no OS thread.
 */
final class DefaultAsyncStorage implements AsyncStorage {
    /** Bytes per buffer emitted by {@link #read}. */
    static final int READ_CHUNK = 64 * 1024;

    private final Storage storage;
    private final Semaphore permits;
    private final ExecutorService executor;

    DefaultAsyncStorage(Storage storage, int concurrency) {
        this.storage = storage;
        this.permits = new Semaphore(concurrency);
        this.executor = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("stowage-" + storage.name() + "-", 0).factory());
    }

    private <T> CompletableFuture<T> run(Supplier<T> body) {
        CompletableFuture<T> future = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    permits.acquire();
                } catch (InterruptedException e) {
                    future.completeExceptionally(e);
                    return;
                }
                try {
                    if (!future.isDone()) {
                        future.complete(body.get());
                    }
                } catch (Throwable t) {
                    future.completeExceptionally(t);
                } finally {
                    permits.release();
                }
            });
        } catch (RuntimeException rejected) {
            future.completeExceptionally(new StorageException(storage.name(), Operation.OPEN_DISK, null,
                    "the disk is closed", rejected));
        }
        return future;
    }

    @Override
    public CompletableFuture<ObjectInfo> put(String key, Content content, PutOptions options) {
        return run(() -> storage.put(key, content, options));
    }

    @Override
    public CompletableFuture<ObjectInfo> put(String key, Content content) {
        return run(() -> storage.put(key, content));
    }

    @Override
    public CompletableFuture<byte[]> getBytes(String key) {
        return run(() -> storage.getBytes(key));
    }

    @Override
    public CompletableFuture<String> getString(String key) {
        return run(() -> storage.getString(key));
    }

    @Override
    public Flow.Publisher<ByteBuffer> read(String key, ByteRange range) {
        return new InputStreamPublisher(() -> {
            permits.acquire();
            try {
                return storage.open(key, range);
            } finally {
                permits.release();
            }
        }, executor, READ_CHUNK);
    }

    @Override
    public Flow.Publisher<ByteBuffer> read(String key) {
        return read(key, ByteRange.ALL);
    }

    @Override
    public CompletableFuture<Long> download(String key, Path target) {
        return run(() -> storage.download(key, target));
    }

    @Override
    public CompletableFuture<ObjectInfo> stat(String key) {
        return run(() -> storage.stat(key));
    }

    @Override
    public CompletableFuture<Boolean> exists(String key) {
        return run(() -> storage.exists(key));
    }

    @Override
    public CompletableFuture<Page> list(ListRequest request) {
        return run(() -> storage.list(request));
    }

    @Override
    public CompletableFuture<ObjectInfo> copy(String sourceKey, String targetKey) {
        return run(() -> storage.copy(sourceKey, targetKey));
    }

    @Override
    public CompletableFuture<ObjectInfo> move(String sourceKey, String targetKey) {
        return run(() -> storage.move(sourceKey, targetKey));
    }

    @Override
    public CompletableFuture<Boolean> delete(String key) {
        return run(() -> storage.delete(key));
    }

    @Override
    public CompletableFuture<Void> deleteAll(Collection<String> keys) {
        List<String> copy = List.copyOf(keys);
        return run(() -> {
            storage.deleteAll(copy);
            return null;
        });
    }

    @Override
    public CompletableFuture<Long> deletePrefix(String prefix) {
        return run(() -> storage.deletePrefix(prefix));
    }

    @Override
    public CompletableFuture<URI> signedUrl(String key, SignedUrlOptions options) {
        return run(() -> storage.signedUrl(key, options));
    }

    @Override
    public Storage blocking() {
        return storage;
    }

    void shutdown() {
        executor.shutdown();
    }
}
