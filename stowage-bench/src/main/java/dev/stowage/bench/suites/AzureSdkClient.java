package dev.stowage.bench.suites;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobContainerAsyncClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobContainerClientBuilder;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.models.ParallelTransferOptions;
import com.azure.storage.blob.options.BlobDownloadToFileOptions;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import com.azure.storage.common.StorageSharedKeyCredential;
import dev.stowage.bench.harness.ObjectClient;
import java.io.InputStream;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Flux;

/**
 * The raw Azure SDK ({@code azure-storage-blob}) as a user who tuned it would call it: one
 * {@link BlobContainerClient} and its async twin built once; {@code upload(BinaryData, true)},
 * {@code downloadContent}, {@code getProperties}, {@code listBlobs}/{@code listBlobsByHierarchy} with
 * 5,000-entry pages; deletes as {@value #DELETE_CONCURRENCY} concurrent async deletes (Azurite has
 * no Blob Batch); large uploads and downloads through the SDK's parallel transfers
 * ({@value #BLOCK_MIB} MiB blocks, {@value #PARALLELISM} at once); async puts through the async client.
 */
final class AzureSdkClient implements ObjectClient {
    static final int BLOCK_MIB = 8;
    static final int PARALLELISM = 4;
    static final int DELETE_CONCURRENCY = 32;
    private static final Set<OpenOption> CREATE = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING);

    private final BlobContainerClient container;
    private final BlobContainerAsyncClient async;

    AzureSdkClient(String endpoint, String container) {
        BlobContainerClientBuilder builder = new BlobContainerClientBuilder().endpoint(endpoint + "/" + container)
                .credential(new StorageSharedKeyCredential(Azurite.ACCOUNT, Azurite.KEY));
        this.container = builder.buildClient();
        this.async = builder.buildAsyncClient();
        this.container.createIfNotExists();
    }

    @Override
    public String name() {
        return "azure sdk";
    }

    @Override
    public void put(String key, byte[] data) {
        container.getBlobClient(key).upload(BinaryData.fromBytes(data), true);
    }

    @Override
    public byte[] get(String key) {
        return container.getBlobClient(key).downloadContent().toBytes();
    }

    @Override
    public long stat(String key) {
        return container.getBlobClient(key).getProperties().getBlobSize();
    }

    @Override
    public int list(String prefix, boolean delimiter) {
        ListBlobsOptions options = new ListBlobsOptions().setPrefix(prefix).setMaxResultsPerPage(5000);
        int n = 0;
        for (BlobItem ignored : delimiter ? container.listBlobsByHierarchy("/", options, null)
                : container.listBlobs(options, null)) {
            n++;
        }
        return n;
    }

    @Override
    public void deleteAll(List<String> keys) {
        Flux.fromIterable(keys).flatMap(k -> async.getBlobAsyncClient(k).deleteIfExists(), DELETE_CONCURRENCY)
                .blockLast();
    }

    @Override
    public void upload(String key, InputStream in, long length) {
        container.getBlobClient(key).uploadWithResponse(new BlobParallelUploadOptions(BinaryData.fromStream(in, length))
                .setParallelTransferOptions(transfers()), null, Context.NONE);
    }

    @Override
    public void download(String key, Path target) {
        container.getBlobClient(key).downloadToFileWithResponse(new BlobDownloadToFileOptions(target.toString())
                .setParallelTransferOptions(new com.azure.storage.common.ParallelTransferOptions()
                        .setBlockSizeLong((long) BLOCK_MIB << 20).setMaxConcurrency(PARALLELISM))
                .setOpenOptions(CREATE), null, Context.NONE);
    }

    private static ParallelTransferOptions transfers() {
        return new ParallelTransferOptions().setBlockSizeLong((long) BLOCK_MIB << 20).setMaxConcurrency(PARALLELISM)
                .setMaxSingleUploadSizeLong((long) BLOCK_MIB << 20);
    }

    @Override
    public CompletableFuture<?> putAsync(String key, byte[] data) {
        return async.getBlobAsyncClient(key).upload(BinaryData.fromBytes(data), true).toFuture();
    }
}
