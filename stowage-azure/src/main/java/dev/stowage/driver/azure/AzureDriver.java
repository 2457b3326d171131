package dev.stowage.driver.azure;

import com.azure.core.http.rest.Response;
import com.azure.core.util.Context;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.models.BlobCopyInfo;
import com.azure.storage.blob.models.BlobDownloadAsyncResponse;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.DeleteSnapshotsOptionType;
import com.azure.storage.blob.models.DownloadRetryOptions;
import com.azure.storage.blob.models.TaggedBlobItem;
import com.azure.storage.blob.options.BlobBeginCopyOptions;
import com.azure.storage.blob.options.BlobCopyFromUrlOptions;
import com.azure.storage.blob.models.BlobBeginCopySourceRequestConditions;
import dev.stowage.ByteRange;
import dev.stowage.Capabilities;
import dev.stowage.Capability;
import dev.stowage.ChecksumAlgorithm;
import dev.stowage.Content;
import dev.stowage.ObjectInfo;
import dev.stowage.Operation;
import dev.stowage.Page;
import dev.stowage.SignedUrlOptions;
import dev.stowage.StorageException;
import dev.stowage.io.PublisherInputStream;
import dev.stowage.spi.ListQuery;
import dev.stowage.spi.StorageDriver;
import dev.stowage.spi.WriteOptions;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.adapter.JdkFlowAdapter;

/**
 * The Azure Blob Storage driver: block blobs in one container, under an optional prefix, through
 * {@code azure-storage-blob}'s sync clients (reads stream through the async client's body
 * publisher, so a read holds one response and a few buffers, never the whole object). See
 * {@code docs/drivers/azure.md} for settings and behaviour.
 */
final class AzureDriver implements StorageDriver {
    private static final int READ_WINDOW = 4;
    private static final int COALESCE = 16;
    /** The largest source Copy Blob From URL accepts. */
    private static final long SYNC_COPY_LIMIT = 256L << 20;

    private final AzureSettings settings;
    private final AzureClients clients;
    private final AzureErrors errors;
    private final AzureWriter writer;
    private final AzureLister lister;
    private final AzureUrls urls;
    private final AzureDeleter deleter;
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("stowage-azure-", 0).factory());
    private final Capabilities capabilities;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final boolean coalesce;

    AzureDriver(AzureSettings settings, AzureClients clients) {
        this.settings = settings;
        this.clients = clients;
        this.errors = new AzureErrors(settings.disk(), settings.container());
        this.writer = new AzureWriter(settings, errors, executor);
        this.lister = new AzureLister(settings.disk(), settings.prefix(), clients.container());
        this.urls = new AzureUrls(settings, clients);
        this.deleter = new AzureDeleter(settings, clients.container(), errors, executor);
        EnumSet<Capability> caps = EnumSet.allOf(Capability.class);
        if (!clients.canSign()) {
            caps.remove(Capability.SIGNED_GET);
            caps.remove(Capability.SIGNED_PUT);
        }
        this.capabilities = new Capabilities(caps);
        this.coalesce = !clients.blockingTransport();
        if (settings.createContainer()) {
            try {
                clients.container().createIfNotExists();
            } catch (RuntimeException e) {
                throw errors.translate(e, Operation.OPEN_DISK, null);
            }
        }
    }

    @Override
    public String disk() {
        return settings.disk();
    }

    @Override
    public String driverName() {
        return "azure";
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    /** The blob name of a key: the disk prefix, then the key. */
    String blobName(String key) {
        return settings.prefix() + key;
    }

    private BlobClient blob(String key) {
        return clients.container().getBlobClient(blobName(key));
    }

    @Override
    public ObjectInfo write(String key, Content content, WriteOptions options) {
        return writer.write(blob(key).getBlockBlobClient(), key, content, options);
    }

    @Override
    public InputStream read(String key, ByteRange range) {
        BlobRange blobRange = null;
        BlobRequestConditions conditions = null;
        if (range.isSuffix()) {
            BlobProperties p = properties(Operation.READ, key);
            long size = p.getBlobSize();
            long length = range.lengthFor(size);
            if (length == 0) {
                return InputStream.nullInputStream();
            }
            blobRange = new BlobRange(range.startFor(size), length);
            conditions = new BlobRequestConditions().setIfMatch(p.getETag());
        } else if (!range.isAll()) {
            blobRange = new BlobRange(range.first(), range.last() < 0 ? null : range.last() - range.first() + 1);
        }
        return open(key, blobRange, conditions, settings.verifyReads() && range.isAll());
    }

    /** A ranged download with {@code If-Match}: a replaced blob answers 412. */
    @Override
    public InputStream readIfMatch(String key, ByteRange range, String etag) {
        BlobRange blobRange = range.isAll() ? null
                : new BlobRange(range.first(), range.last() < 0 ? null : range.last() - range.first() + 1);
        return open(key, blobRange, new BlobRequestConditions().setIfMatch(etag), false);
    }

    /** Azure serves each range on its own connection: large downloads go faster as parallel ranges. */
    @Override
    public boolean prefersParallelRangedReads() {
        return true;
    }

    private InputStream open(String key, BlobRange blobRange, BlobRequestConditions conditions, boolean verify) {
        var blob = clients.asyncContainer().getBlobAsyncClient(blobName(key));
        BlobDownloadAsyncResponse response;
        try {
            response = blob.downloadStreamWithResponse(blobRange, new DownloadRetryOptions().setMaxRetryRequests(3),
                    conditions, false).block();
        } catch (RuntimeException e) {
            if (AzureErrors.status(e) == 416) {
                return InputStream.nullInputStream(); // the range starts at or past the end
            }
            throw errors.translate(e, Operation.READ, key);
        }
        if (response == null) {
            throw new StorageException(disk(), Operation.READ, key, "Azure returned no response", null);
        }
        PublisherInputStream in = new PublisherInputStream(READ_WINDOW);
        // Netty hands the body over in small chunks (already copied out of its pool); handing them
        // to the reading thread in groups wakes it up far less often. The blocking transport reads
        // 64 KiB chunks on the reading thread itself: nothing to gain from grouping them.
        var body = response.getValue();
        JdkFlowAdapter.publisherToFlowPublisher(coalesce ? body.buffer(COALESCE).map(AzureDriver::concat) : body)
                .subscribe(in);
        if (verify) {
            var headers = response.getDeserializedHeaders();
            String crc32c = headers.getMetadata() == null ? null : headers.getMetadata().get(AzureWriter.CRC32C_METADATA);
            if (crc32c != null) {
                return VerifyingInputStream.crc32c(in, crc32c, key);
            }
            byte[] md5 = headers.getContentMd5();
            if (md5 != null && md5.length == 16) {
                return VerifyingInputStream.md5(in, md5, key);
            }
        }
        return in;
    }

    private static ByteBuffer concat(List<ByteBuffer> buffers) {
        if (buffers.size() == 1) {
            return buffers.get(0);
        }
        int total = 0;
        for (ByteBuffer b : buffers) {
            total += b.remaining();
        }
        ByteBuffer all = ByteBuffer.allocate(total);
        for (ByteBuffer b : buffers) {
            all.put(b);
        }
        return all.flip();
    }

    @Override
    public ObjectInfo stat(String key) {
        BlobClient blob = blob(key);
        BlobProperties p = properties(Operation.STAT, key);
        Map<String, String> tags = Map.of();
        if (p.getTagCount() != null && p.getTagCount() > 0) {
            try {
                tags = blob.getTags();
            } catch (RuntimeException e) {
                throw errors.translate(e, Operation.STAT, key);
            }
        }
        return info(key, p, tags);
    }

    private BlobProperties properties(Operation operation, String key) {
        try {
            return blob(key).getProperties();
        } catch (RuntimeException e) {
            throw errors.translate(e, operation, key);
        }
    }

    private ObjectInfo info(String key, BlobProperties p, Map<String, String> tags) {
        ObjectInfo.Builder b = ObjectInfo.builder(key).disk(disk()).size(p.getBlobSize())
                .contentType(p.getContentType())
                .lastModified(p.getLastModified() == null ? null : p.getLastModified().toInstant())
                .etag(p.getETag()).metadata(userMetadata(p.getMetadata())).tags(tags)
                .contentDisposition(p.getContentDisposition()).cacheControl(p.getCacheControl());
        if (p.getContentMd5() != null && p.getContentMd5().length > 0) {
            b.checksum(ChecksumAlgorithm.MD5, Base64.getEncoder().encodeToString(p.getContentMd5()));
        }
        if (p.getMetadata() != null) {
            b.checksum(ChecksumAlgorithm.CRC32C, p.getMetadata().get(AzureWriter.CRC32C_METADATA));
        }
        return b.build();
    }

    /** Metadata without the driver's own CRC32C entry. */
    private static Map<String, String> userMetadata(Map<String, String> metadata) {
        if (metadata == null || !metadata.containsKey(AzureWriter.CRC32C_METADATA)) {
            return metadata;
        }
        Map<String, String> user = new java.util.HashMap<>(metadata);
        user.remove(AzureWriter.CRC32C_METADATA);
        return user;
    }

    @Override
    public Map<String, String> tags(String key) {
        try {
            return blob(key).getTags();
        } catch (RuntimeException e) {
            throw errors.translate(e, Operation.TAGS, key);
        }
    }

    @Override
    public boolean delete(String key) {
        try {
            Response<Boolean> r = blob(key).deleteIfExistsWithResponse(DeleteSnapshotsOptionType.INCLUDE, null, null,
                    Context.NONE);
            return Boolean.TRUE.equals(r.getValue());
        } catch (RuntimeException e) {
            throw errors.translate(e, Operation.DELETE, key);
        }
    }

    @Override
    public void deleteMany(List<String> keys) {
        List<String> names = new ArrayList<>(keys.size());
        keys.forEach(k -> names.add(blobName(k)));
        deleter.deleteAll(names);
    }

    /** Whether deletes go through Blob Batch (for tests). */
    boolean batchDeletes() {
        return deleter.batching();
    }

    @Override
    public Page list(ListQuery query) {
        try {
            return lister.list(query);
        } catch (RuntimeException e) {
            throw errors.translate(e, Operation.LIST, query.prefix());
        }
    }

    @Override
    public ObjectInfo copy(String sourceKey, String targetKey) {
        BlobClient source = blob(sourceKey);
        BlobProperties p = properties(Operation.COPY, sourceKey);
        try {
            Map<String, String> tags = p.getTagCount() != null && p.getTagCount() > 0 ? source.getTags() : Map.of();
            String sourceUrl = urls.copySourceUrl(source, sourceKey);
            if (p.getBlobSize() <= SYNC_COPY_LIMIT) {
                // one request: Copy Blob From URL (synchronous on the server, up to 256 MiB)
                BlobCopyFromUrlOptions options = new BlobCopyFromUrlOptions(sourceUrl)
                        .setSourceRequestConditions(new com.azure.core.http.RequestConditions().setIfMatch(p.getETag()));
                if (!tags.isEmpty()) {
                    options.setTags(tags);
                }
                blob(targetKey).copyFromUrlWithResponse(options, null, Context.NONE);
            } else {
                copyAsync(sourceKey, targetKey, sourceUrl, p, tags);
            }
        } catch (RuntimeException e) {
            throw errors.translate(e, Operation.COPY, sourceKey);
        }
        return stat(targetKey);
    }

    /** Copy Blob with polling, for sources larger than a synchronous copy takes. */
    private void copyAsync(String sourceKey, String targetKey, String sourceUrl, BlobProperties p,
            Map<String, String> tags) {
        BlobBeginCopyOptions options = new BlobBeginCopyOptions(sourceUrl).setPollInterval(Duration.ofMillis(200))
                .setSourceRequestConditions(new BlobBeginCopySourceRequestConditions().setIfMatch(p.getETag()));
        if (!tags.isEmpty()) {
            options.setTags(tags);
        }
        SyncPoller<BlobCopyInfo, Void> poller = blob(targetKey).beginCopy(options);
        PollResponse<BlobCopyInfo> done = poller.waitForCompletion();
        if (done.getStatus() != LongRunningOperationStatus.SUCCESSFULLY_COMPLETED) {
            BlobCopyInfo info = done.getValue();
            throw new StorageException(disk(), Operation.COPY, sourceKey, "the server-side copy to '" + targetKey
                    + "' ended as " + done.getStatus()
                    + (info != null && info.getError() != null ? ": " + info.getError() : ""), null);
        }
    }

    @Override
    public URI signedUrl(String key, SignedUrlOptions options) {
        try {
            return urls.signedUrl(blob(key), key, options);
        } catch (RuntimeException e) {
            throw errors.translate(e, Operation.SIGN_URL, key);
        }
    }

    @Override
    public URI publicUrl(String key) {
        return urls.publicUrl(blob(key), key);
    }

    /**
     * Objects of this disk whose blob index tags match {@code query}, Azure's tag filter syntax
     * ({@code "project" = 'alpha' AND "tier" = 'hot'}). Results carry key and the matched tags only;
     * Azure indexes tags asynchronously, so a just-written object may take a moment to be found.
     */
    @Override
    public List<ObjectInfo> findByTags(String query) {
        try {
            List<ObjectInfo> found = new ArrayList<>();
            for (TaggedBlobItem item : clients.container().findBlobsByTags(query)) {
                if (item.getName().startsWith(settings.prefix())) {
                    found.add(ObjectInfo.builder(item.getName().substring(settings.prefix().length())).disk(disk())
                            .tags(item.getTags()).build());
                }
            }
            found.sort(java.util.Comparator.comparing(ObjectInfo::key, dev.stowage.spi.KeyOrder.COMPARATOR));
            return found;
        } catch (RuntimeException e) {
            throw errors.translate(e, Operation.LIST, null);
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            executor.shutdownNow();
            clients.close();
        }
    }

    @Override
    public String toString() {
        return "AzureDriver[" + settings + "]";
    }
}
