package dev.stowage.driver.azure;

import com.azure.core.http.rest.Response;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.batch.BlobBatch;
import com.azure.storage.blob.batch.BlobBatchClient;
import com.azure.storage.blob.batch.BlobBatchClientBuilder;
import com.azure.storage.blob.models.DeleteSnapshotsOptionType;
import dev.stowage.Operation;
import dev.stowage.StorageException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Deletes many blobs: through Blob Batch (256 deletes per request) where the service takes it, else
 * (an emulator or a SAS without batch rights answering the batch itself with an error) by parallel
 * single deletes on virtual threads, {@value #PARALLEL_DELETES} at a time. Missing blobs are ignored.
 */
final class AzureDeleter {
    private static final int BATCH = 256;
    private static final int PARALLEL_DELETES = 16;

    private final AzureSettings settings;
    private final BlobContainerClient container;
    private final BlobBatchClient batchClient;
    private final AzureErrors errors;
    private final ExecutorService executor;
    private final AtomicBoolean batchWorks = new AtomicBoolean(true);

    AzureDeleter(AzureSettings settings, BlobContainerClient container, AzureErrors errors, ExecutorService executor) {
        this.settings = settings;
        this.container = container;
        this.batchClient = new BlobBatchClientBuilder(container).buildClient();
        this.errors = errors;
        this.executor = executor;
    }

    /** Whether batches are still in use (false once the service refused one). */
    boolean batching() {
        return batchWorks.get();
    }

    void deleteAll(List<String> blobNames) {
        for (int i = 0; i < blobNames.size(); i += BATCH) {
            List<String> chunk = blobNames.subList(i, Math.min(blobNames.size(), i + BATCH));
            if (chunk.size() == 1 || !batchWorks.get() || !batch(chunk)) {
                parallel(chunk);
            }
        }
    }

    /** One batch; returns false (and stops using batches) if the service refused the batch itself. */
    private boolean batch(List<String> names) {
        BlobBatch batch = batchClient.getBlobBatch();
        List<Response<Void>> responses = new ArrayList<>(names.size());
        for (String name : names) {
            responses.add(batch.deleteBlob(container.getBlobContainerName(), name, DeleteSnapshotsOptionType.INCLUDE,
                    null));
        }
        try {
            batchClient.submitBatchWithResponse(batch, false, null, Context.NONE);
        } catch (RuntimeException e) {
            int status = AzureErrors.status(e);
            if (status >= 500 || status == -1 || status == 429) {
                throw errors.translate(e, Operation.DELETE, key(names.get(0)));
            }
            batchWorks.set(false);
            System.getLogger(AzureDeleter.class.getName()).log(System.Logger.Level.INFO,
                    "disk ''{0}'': Blob Batch refused ({1}); deleting with parallel single requests from now on",
                    settings.disk(), errors.translate(e, Operation.DELETE, null).reason());
            return false;
        }
        for (int i = 0; i < names.size(); i++) {
            try {
                int status = responses.get(i).getStatusCode();
                if (status >= 300 && status != 404) {
                    throw new StorageException(settings.disk(), Operation.DELETE, key(names.get(i)),
                            "batch delete answered HTTP " + status, null);
                }
            } catch (RuntimeException e) {
                if (e instanceof StorageException se) {
                    throw se;
                }
                if (AzureErrors.status(e) != 404) {
                    throw errors.translate(e, Operation.DELETE, key(names.get(i)));
                }
            }
        }
        return true;
    }

    private void parallel(List<String> names) {
        Semaphore permits = new Semaphore(PARALLEL_DELETES);
        List<Future<?>> futures = new ArrayList<>(names.size());
        for (String name : names) {
            permits.acquireUninterruptibly();
            futures.add(executor.submit(() -> {
                try {
                    container.getBlobClient(name).deleteIfExistsWithResponse(DeleteSnapshotsOptionType.INCLUDE, null,
                            null, Context.NONE);
                } catch (RuntimeException e) {
                    throw errors.translate(e, Operation.DELETE, key(name));
                } finally {
                    permits.release();
                }
            }));
        }
        StorageException first = null;
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageException(settings.disk(), Operation.DELETE, null, "interrupted", e);
            } catch (ExecutionException e) {
                if (first == null) {
                    first = e.getCause() instanceof StorageException se ? se
                            : errors.translate(e.getCause(), Operation.DELETE, null);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private String key(String blobName) {
        return blobName.substring(settings.prefix().length());
    }
}
