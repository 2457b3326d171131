package dev.stowage.driver.gcs;

import com.google.auth.ServiceAccountSigner;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.BucketInfo;
import com.google.cloud.storage.CopyWriter;
import com.google.cloud.storage.HttpMethod;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.Storage.SignUrlOption;
import com.google.cloud.storage.StorageBatch;
import com.google.cloud.storage.StorageBatchResult;
import dev.stowage.ByteRange;
import dev.stowage.Capabilities;
import dev.stowage.Capability;
import dev.stowage.Content;
import dev.stowage.ObjectInfo;
import dev.stowage.ObjectNotFoundException;
import dev.stowage.Operation;
import dev.stowage.Page;
import dev.stowage.SignedUrlOptions;
import dev.stowage.StorageConfigurationException;
import dev.stowage.StorageException;
import dev.stowage.spi.DiskConfig;
import dev.stowage.spi.ListQuery;
import dev.stowage.spi.StorageDriver;
import dev.stowage.spi.WriteOptions;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Google Cloud Storage through {@code google-cloud-storage} (JSON API over HTTP). Keys live under
 * the disk's {@code prefix} in its {@code bucket}. Etags handed out are generations, so
 * conditional writes are generation preconditions. GCS has no object tags: the {@code TAGS}
 * capability is off. Signed URLs are V4 and need credentials that can sign (a service-account
 * key, or an account whose credentials sign through IAM).
 *
 * <p>Settings: see {@code docs/drivers/gcs.md} and {@link GcsSettings}.
 */
final class GcsDriver implements StorageDriver {
    static final int BATCH_SIZE = 100;

    private final GcsSettings settings;
    private final Storage storage;
    private final GcsWriter writer;
    private final GcsReader reader;
    private final GcsLister lister;
    private final AtomicBoolean closed = new AtomicBoolean();

    GcsDriver(DiskConfig config) {
        this(GcsSettings.from(config));
    }

    GcsDriver(GcsSettings settings) {
        this.settings = settings;
        this.storage = GcsClients.create(settings);
        GcsMedia media = new GcsMedia(storage, settings.bucket());
        this.writer = new GcsWriter(this, storage, media);
        this.reader = new GcsReader(this, media);
        this.lister = new GcsLister(this, storage);
        if (settings.createBucket()) {
            createBucketIfMissing();
        }
    }

    private void createBucketIfMissing() {
        try {
            if (storage.get(settings.bucket()) == null) {
                storage.create(BucketInfo.of(settings.bucket()));
            }
        } catch (RuntimeException e) {
            if (GcsErrors.code(e) != 409) {
                throw new StorageConfigurationException(settings.disk(),
                        "cannot create bucket '" + settings.bucket() + "': " + e.getMessage(), e);
            }
        }
    }

    GcsSettings settings() {
        return settings;
    }

    String bucket() {
        return settings.bucket();
    }

    String objectName(String key) {
        return settings.prefix() + key;
    }

    /** The client, for callers that need a raw GCS operation. */
    Storage client() {
        return storage;
    }

    @Override
    public String disk() {
        return settings.disk();
    }

    @Override
    public String driverName() {
        return "gcs";
    }

    @Override
    public Capabilities capabilities() {
        return Capabilities.of(Capability.RANGE_READ, Capability.METADATA, Capability.CONDITIONAL_CREATE,
                Capability.CONDITIONAL_UPDATE, Capability.SERVER_SIDE_COPY, Capability.SIGNED_GET,
                Capability.SIGNED_PUT, Capability.PUBLIC_URL, Capability.CHECKSUMS, Capability.BATCH_DELETE);
    }

    @Override
    public ObjectInfo write(String key, Content content, WriteOptions options) {
        return writer.write(key, content, options);
    }

    @Override
    public InputStream read(String key, ByteRange range) {
        return reader.read(key, range);
    }

    @Override
    public InputStream readIfMatch(String key, ByteRange range, String etag) {
        return reader.readGeneration(key, range, etag);
    }

    /** GCS serves each range on its own connection: large downloads go faster as parallel ranges. */
    @Override
    public boolean prefersParallelRangedReads() {
        return true;
    }

    @Override
    public ObjectInfo stat(String key) {
        Blob blob;
        try {
            blob = storage.get(BlobId.of(bucket(), objectName(key)));
        } catch (RuntimeException e) {
            throw GcsErrors.translate(disk(), Operation.STAT, key, e);
        }
        if (blob == null) {
            throw new ObjectNotFoundException(disk(), Operation.STAT, key);
        }
        return GcsObjects.toInfo(disk(), key, blob);
    }

    @Override
    public boolean delete(String key) {
        try {
            return storage.delete(BlobId.of(bucket(), objectName(key)));
        } catch (RuntimeException e) {
            throw GcsErrors.translate(disk(), Operation.DELETE, key, e);
        }
    }

    /** Deletes in batch requests of up to 100 calls; missing keys are ignored, other failures thrown. */
    @Override
    public void deleteMany(List<String> keys) {
        for (int from = 0; from < keys.size(); from += BATCH_SIZE) {
            List<String> slice = keys.subList(from, Math.min(keys.size(), from + BATCH_SIZE));
            if (slice.size() == 1) {
                delete(slice.get(0));
                continue;
            }
            Map<String, StorageBatchResult<Boolean>> results = new LinkedHashMap<>();
            try {
                StorageBatch batch = storage.batch();
                for (String key : slice) {
                    results.put(key, batch.delete(BlobId.of(bucket(), objectName(key))));
                }
                batch.submit();
            } catch (RuntimeException e) {
                throw GcsErrors.translate(disk(), Operation.DELETE, slice.get(0), e);
            }
            for (Map.Entry<String, StorageBatchResult<Boolean>> r : results.entrySet()) {
                try {
                    r.getValue().get();
                } catch (RuntimeException e) {
                    if (GcsErrors.code(e) != 404) {
                        throw GcsErrors.translate(disk(), Operation.DELETE, r.getKey(), e);
                    }
                }
            }
        }
    }

    @Override
    public Page list(ListQuery query) {
        return lister.list(query);
    }

    /** Server-side copy with objects.rewrite, calling again with the rewrite token until done. */
    @Override
    public ObjectInfo copy(String sourceKey, String targetKey) {
        try {
            CopyWriter copy = storage.copy(Storage.CopyRequest.newBuilder()
                    .setSource(BlobId.of(bucket(), objectName(sourceKey)))
                    .setTarget(BlobId.of(bucket(), objectName(targetKey))).build());
            while (!copy.isDone()) {
                copy.copyChunk();
            }
            return GcsObjects.toInfo(disk(), targetKey, copy.getResult());
        } catch (RuntimeException e) {
            throw GcsErrors.translate(disk(), Operation.COPY, sourceKey, e);
        }
    }

    @Override
    public ObjectInfo move(String sourceKey, String targetKey) {
        ObjectInfo info;
        try {
            info = copy(sourceKey, targetKey);
        } catch (StorageException e) {
            throw e instanceof ObjectNotFoundException
                    ? new ObjectNotFoundException(disk(), Operation.MOVE, sourceKey, null, e.getCause()) : e;
        }
        delete(sourceKey);
        return info;
    }

    /** V4 signed URL; the endpoint override (emulators) is used as host and its scheme kept. */
    @Override
    public URI signedUrl(String key, SignedUrlOptions options) {
        if (!(storage.getOptions().getCredentials() instanceof ServiceAccountSigner)) {
            throw new StorageConfigurationException(disk(), Operation.SIGN_URL, key,
                    "signed URLs need credentials that can sign: set credentials-file or credentials-json to a "
                            + "service-account key, or use Application Default Credentials of a service account "
                            + "(user and anonymous credentials cannot sign)");
        }
        List<SignUrlOption> opts = new ArrayList<>();
        opts.add(SignUrlOption.withV4Signature());
        opts.add(SignUrlOption.httpMethod(options.method() == SignedUrlOptions.Method.PUT ? HttpMethod.PUT
                : HttpMethod.GET));
        if (options.downloadName() != null) {
            opts.add(SignUrlOption.withQueryParams(Map.of("response-content-disposition",
                    contentDisposition(options.downloadName()))));
        }
        if (options.contentType() != null) {
            opts.add(SignUrlOption.withExtHeaders(Map.of("Content-Type", options.contentType())));
        }
        if (settings.endpoint() != null) {
            opts.add(SignUrlOption.withHostName(settings.endpoint().toString()));
            opts.add(SignUrlOption.withPathStyle());
        }
        try {
            URL url = storage.signUrl(BlobInfo.newBuilder(bucket(), objectName(key)).build(),
                    options.expiresIn().toSeconds(), TimeUnit.SECONDS, opts.toArray(SignUrlOption[]::new));
            String text = url.toString();
            if (settings.endpoint() != null && !text.startsWith(settings.endpoint().getScheme() + "://")) {
                // the client always writes https; the signature covers host, path and query, not the scheme
                text = settings.endpoint().getScheme() + text.substring(text.indexOf("://"));
            }
            return URI.create(text);
        } catch (RuntimeException e) {
            throw GcsErrors.translate(disk(), Operation.SIGN_URL, key, e);
        }
    }

    private static String contentDisposition(String fileName) {
        String ascii = fileName.replaceAll("[^\\x20-\\x7e]", "_").replace("\\", "_").replace("\"", "_");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
                + dev.stowage.url.UrlEncoding.encodeQuery(fileName);
    }

    @Override
    public URI publicUrl(String key) {
        String base = settings.publicUrl() != null ? settings.publicUrl().replaceAll("/+$", "")
                : (settings.endpoint() != null ? settings.endpoint().toString() : "https://storage.googleapis.com")
                        + "/" + bucket();
        return URI.create(base + "/" + dev.stowage.url.UrlEncoding.encodePath(objectName(key)));
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                storage.close();
            } catch (Exception ignored) {
                // the HTTP transport holds no resources that outlive the JVM
            }
        }
    }

    @Override
    public String toString() {
        return "GcsDriver[" + settings + "]";
    }
}
