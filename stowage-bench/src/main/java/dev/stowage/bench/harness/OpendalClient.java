package dev.stowage.bench.harness;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.opendal.AsyncOperator;
import org.apache.opendal.Entry;
import org.apache.opendal.Layer;
import org.apache.opendal.ListOptions;
import org.apache.opendal.Operator;

/**
 * Apache OpenDAL's Java binding (0.48.2, Rust core over JNI) used the way its documentation shows:
 * the blocking {@link Operator} for one-at-a-time calls, the {@link AsyncOperator} for concurrent
 * ones, concurrent async deletes or {@code removeAll} (see {@link DeleteMode}) for batch deletes, an output stream for large uploads and ranged reads
 * on {@code parallelism} threads for large downloads.
 */
public final class OpendalClient implements ObjectClient {
    private static final long PART = 8L << 20;

    private final AsyncOperator async;
    private final Operator blocking;
    private final int parallelism;
    private final ExecutorService pool;
    private volatile DeleteMode deleteMode = DeleteMode.ASYNC_DELETES;

    /** How {@link #deleteAll} deletes: OpenDAL offers both; a suite picks the faster on its service. */
    public enum DeleteMode {
        /** One {@code AsyncOperator.delete} per key, all in flight at once (the default). */
        ASYNC_DELETES,
        /** {@code Operator.removeAll} on the keys' common parent (lists it, then batch-deletes). */
        REMOVE_ALL
    }

    /** OpenDAL's service {@code scheme} (fs, memory, s3, azblob, gcs) with its {@code config}. */
    public OpendalClient(String scheme, Map<String, String> config, int parallelism) {
        this(scheme, config, parallelism, List.of());
    }

    /**
     * The same with OpenDAL layers around the operator, as a user adds them (e.g. its
     * {@code RetryLayer} for services whose calls can fail temporarily).
     */
    public OpendalClient(String scheme, Map<String, String> config, int parallelism, List<Layer> layers) {
        AsyncOperator op = AsyncOperator.of(scheme, config);
        for (Layer layer : layers) {
            op = op.layer(layer);
        }
        this.async = op;
        this.blocking = async.blocking();
        this.parallelism = parallelism;
        this.pool = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "opendal-ranged-read");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public String name() {
        return "opendal";
    }

    @Override
    public void put(String key, byte[] data) {
        blocking.write(key, data);
    }

    @Override
    public byte[] get(String key) {
        return blocking.read(key);
    }

    @Override
    public long stat(String key) {
        return blocking.stat(key).getContentLength();
    }

    @Override
    public int list(String prefix, boolean delimiter) {
        List<Entry> entries = blocking.list(prefix, ListOptions.builder().recursive(!delimiter).build());
        // the fs service lists the folder itself too ("prefix/"); it is not an entry under it
        return (int) entries.stream().filter(e -> !e.getPath().equals(prefix)).count();
    }

    /** Switches how {@link #deleteAll} deletes; returns this client. */
    public OpendalClient deleteMode(DeleteMode mode) {
        this.deleteMode = mode;
        return this;
    }

    /** How {@link #deleteAll} deletes now. */
    public DeleteMode deleteMode() {
        return deleteMode;
    }

    /**
     * Deletes the keys. In {@link DeleteMode#REMOVE_ALL} they must share a parent ({@code a/b/} of
     * {@code a/b/1}), which is removed whole: use it only where the keys are all it holds.
     */
    @Override
    public void deleteAll(List<String> keys) throws Exception {
        if (deleteMode == DeleteMode.REMOVE_ALL && !keys.isEmpty()) {
            String first = keys.get(0);
            String parent = first.substring(0, first.lastIndexOf('/') + 1);
            if (parent.isEmpty() || !keys.stream().allMatch(k -> k.startsWith(parent) && k.indexOf('/', parent.length()) < 0)) {
                throw new IllegalArgumentException("removeAll needs keys under one parent; first is " + first);
            }
            blocking.removeAll(parent);
            return;
        }
        List<CompletableFuture<Void>> deletes = new ArrayList<>(keys.size());
        for (String key : keys) {
            deletes.add(async.delete(key));
        }
        CompletableFuture.allOf(deletes.toArray(CompletableFuture[]::new)).get();
    }

    @Override
    public void upload(String key, InputStream in, long length) throws Exception {
        try (OutputStream out = blocking.createOutputStream(key, (int) PART)) {
            in.transferTo(out);
        }
    }

    @Override
    public void download(String key, Path target) throws Exception {
        RangedFile.download(target, stat(key), PART, parallelism, pool, (at, length) -> blocking.read(key, at, length));
    }

    @Override
    public CompletableFuture<?> putAsync(String key, byte[] data) {
        return async.write(key, data);
    }

    @Override
    public void close() {
        pool.shutdownNow();
        blocking.close();
        async.close();
    }
}
