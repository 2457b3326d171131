package dev.stowage;

/**
 * One disk: the blocking API applications use, the same over memory, local disk, S3, GCS and
 * Azure. Obtain one from {@link Stowage#open(String)} or a {@code StorageManager}.
 *
 * <p>Thread-safe. Calls block the calling thread; on virtual threads that costs no OS thread.
 * For futures and reactive streams use {@link #async()}. Every failure is a
 * {@link StorageException} naming the disk, the key and the operation.
 */
public interface Storage extends StorageReader, StorageWriter, AutoCloseable {

    /** The same disk, with every operation as a {@code CompletableFuture} run on virtual threads. */
    AsyncStorage async();

    /**
     * The underlying object of the given type (e.g. {@code MemoryDriver} for its test helpers),
     * looking through layers.
     *
     * @throws IllegalArgumentException if nothing of that type is underneath
     */
    <T> T unwrap(Class<T> type);

    /** Closes the driver and its clients. */
    @Override
    void close();
}
