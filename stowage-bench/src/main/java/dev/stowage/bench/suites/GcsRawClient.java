package dev.stowage.bench.suites;

import dev.stowage.bench.harness.RangedFile;
import com.google.cloud.NoCredentials;
import com.google.cloud.ReadChannel;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.Storage.BlobListOption;
import com.google.cloud.storage.Storage.BlobTargetOption;
import com.google.cloud.storage.Storage.BlobWriteOption;
import com.google.cloud.storage.StorageOptions;
import dev.stowage.bench.harness.ObjectClient;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * The raw {@code google-cloud-storage} client (JSON over HTTP) as a user who tuned it would call
 * it: {@code create} of a byte array without gzip transfer encoding (what costs CPU for nothing on
 * incompressible data), {@code readAllBytes}, {@code get} for stat, {@code list} walking every page,
 * {@code delete(Iterable)} (batches of 100), {@code createFrom} a stream with a 16 MiB buffer
 * (resumable upload, Stowage's chunk size), ranged {@code ReadChannel}s of 8 MiB on four threads for
 * large downloads. The client has no asynchronous API: async puts run on virtual threads, at most
 * 256 at a time (Stowage's default async concurrency).
 */
final class GcsRawClient implements ObjectClient {
    private static final long PART = 8L << 20;
    private static final int PARALLELISM = 4;

    private final Storage storage;
    private final String bucket;
    private final ExecutorService ranged = Executors.newFixedThreadPool(PARALLELISM, r -> {
        Thread t = new Thread(r, "gcs-raw-ranged-read");
        t.setDaemon(true);
        return t;
    });
    private final ExecutorService async = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore inFlight = new Semaphore(256);

    GcsRawClient(String endpoint, String bucket) {
        this.storage = StorageOptions.http().setHost(endpoint).setProjectId("bench")
                .setCredentials(NoCredentials.getInstance()).build().getService();
        this.bucket = bucket;
    }

    @Override
    public String name() {
        return "google-cloud-storage";
    }

    private BlobInfo info(String key) {
        return BlobInfo.newBuilder(BlobId.of(bucket, key)).setContentType("application/octet-stream").build();
    }

    @Override
    public void put(String key, byte[] data) {
        storage.create(info(key), data, BlobTargetOption.disableGzipContent());
    }

    @Override
    public byte[] get(String key) {
        return storage.readAllBytes(BlobId.of(bucket, key));
    }

    @Override
    public long stat(String key) {
        Blob blob = storage.get(BlobId.of(bucket, key));
        if (blob == null) {
            throw new IllegalStateException("no object " + key);
        }
        return blob.getSize();
    }

    @Override
    public int list(String prefix, boolean delimiter) {
        Iterable<Blob> all = (delimiter
                ? storage.list(bucket, BlobListOption.prefix(prefix), BlobListOption.currentDirectory())
                : storage.list(bucket, BlobListOption.prefix(prefix))).iterateAll();
        int n = 0;
        for (Blob ignored : all) {
            n++;
        }
        return n;
    }

    @Override
    public void deleteAll(List<String> keys) {
        List<BlobId> ids = new ArrayList<>(keys.size());
        for (String key : keys) {
            ids.add(BlobId.of(bucket, key));
        }
        storage.delete(ids);
    }

    @Override
    public void upload(String key, InputStream in, long length) throws Exception {
        storage.createFrom(info(key), in, 16 << 20, BlobWriteOption.disableGzipContent());
    }

    @Override
    public void download(String key, Path target) throws Exception {
        RangedFile.download(target, stat(key), PART, Integer.MAX_VALUE, ranged, (at, length) -> {
            try (ReadChannel channel = storage.reader(BlobId.of(bucket, key))) {
                channel.setChunkSize(0);
                channel.seek(at);
                channel.limit(at + length);
                ByteBuffer buffer = ByteBuffer.allocate((int) length);
                while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                    // fill the part
                }
                return buffer.hasRemaining() ? java.util.Arrays.copyOf(buffer.array(), buffer.position()) : buffer.array();
            }
        });
    }

    @Override
    public CompletableFuture<?> putAsync(String key, byte[] data) throws Exception {
        inFlight.acquire();
        try {
            return CompletableFuture.runAsync(() -> put(key, data), async).whenComplete((r, e) -> inFlight.release());
        } catch (RuntimeException e) {
            inFlight.release();
            throw e;
        }
    }

    @Override
    public void close() throws Exception {
        ranged.shutdownNow();
        async.shutdownNow();
        storage.close();
    }
}
