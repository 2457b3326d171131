package dev.stowage.driver.s3;

import dev.stowage.ByteRange;
import dev.stowage.Capabilities;
import dev.stowage.Capability;
import dev.stowage.ChecksumAlgorithm;
import dev.stowage.Content;
import dev.stowage.ETags;
import dev.stowage.InvalidKeyException;
import dev.stowage.ObjectAlreadyExistsException;
import dev.stowage.ObjectInfo;
import dev.stowage.ObjectNotFoundException;
import dev.stowage.Operation;
import dev.stowage.Page;
import dev.stowage.SignedUrlOptions;
import dev.stowage.StorageConfigurationException;
import dev.stowage.StorageException;
import dev.stowage.StorageKey;
import dev.stowage.spi.DiskConfig;
import dev.stowage.spi.ListQuery;
import dev.stowage.spi.StorageDriver;
import dev.stowage.spi.WriteOptions;
import dev.stowage.url.UrlEncoding;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.CRC32C;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The S3 driver: one bucket (optionally under a key prefix) of AWS S3 or an S3-compatible
 * service, through the AWS SDK for Java v2's blocking client. Blocking calls are meant for virtual
 * threads; multipart parts run on virtual threads of their own.
 *
 * <p>Writes below {@code multipart-threshold} are one PUT; larger or unknown-length content goes
 * through a parallel multipart upload with bounded memory that is aborted on failure
 * ({@link MultipartUpload}). Every write carries a checksum header computed once by Stowage
 * (setting {@code checksum}). Keys are relative to the disk's {@code prefix} everywhere.
 *
 * <p>Reach the SDK client for anything Stowage does not cover with
 * {@code storage.unwrap(S3Driver.class).client()}.
 */
public final class S3Driver implements StorageDriver {

    private final S3Settings s;
    private final SdkHttpClient http;
    private final S3Client client;
    private final S3Presigner presigner;
    private final S3Errors errors;
    private final S3Lister lister;
    private final MultipartUpload multipart;
    private final MultipartCopy multipartCopy;
    private final Capabilities capabilities;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A driver for the disk; fails with {@link StorageConfigurationException} on bad settings. */
    public S3Driver(DiskConfig config) {
        this(config, List.of());
    }

    /** A driver whose SDK client also runs {@code interceptors} (tests observe requests with them). */
    S3Driver(DiskConfig config, List<software.amazon.awssdk.core.interceptor.ExecutionInterceptor> interceptors) {
        this.s = S3Settings.from(config);
        AwsCredentialsProvider credentials = S3Clients.credentials(s);
        this.http = S3Clients.httpClient(s);
        this.client = S3Clients.client(s, http, credentials, interceptors);
        this.presigner = S3Clients.presigner(s, credentials);
        this.errors = new S3Errors(s.disk(), s.bucket());
        this.lister = new S3Lister(client, s, errors);
        this.multipart = new MultipartUpload(client, s, errors);
        this.multipartCopy = new MultipartCopy(client, s, errors);
        EnumSet<Capability> caps = EnumSet.allOf(Capability.class);
        caps.remove(Capability.TAG_SEARCH);
        if (s.checksum() == ChecksumMode.WHEN_REQUIRED) {
            caps.remove(Capability.CHECKSUMS);
        }
        this.capabilities = new Capabilities(caps);
        if (s.createBucket()) {
            createBucketIfMissing();
        }
    }

    private void createBucketIfMissing() {
        try {
            client.headBucket(b -> b.bucket(s.bucket()));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                close();
                throw new StorageConfigurationException(s.disk(), "cannot check bucket '" + s.bucket() + "': "
                        + errors.translate(e, Operation.OPEN_DISK, null).reason(), e);
            }
            try {
                client.createBucket(b -> b.bucket(s.bucket()));
            } catch (S3Exception created) {
                String code = created.awsErrorDetails() == null ? null : created.awsErrorDetails().errorCode();
                if (!"BucketAlreadyOwnedByYou".equals(code) && !"BucketAlreadyExists".equals(code)) {
                    close();
                    throw new StorageConfigurationException(s.disk(), "cannot create bucket '" + s.bucket() + "'",
                            created);
                }
            }
        } catch (RuntimeException e) {
            close();
            throw new StorageConfigurationException(s.disk(), "cannot reach bucket '" + s.bucket() + "': "
                    + errors.translate(e, Operation.OPEN_DISK, null).reason(), e);
        }
    }

    /** The SDK client this disk uses (shared: do not close it). */
    public S3Client client() {
        return client;
    }

    /** The bucket this disk stores into. */
    public String bucket() {
        return s.bucket();
    }

    /** The key prefix of this disk inside the bucket ({@code ""} or ending with {@code /}). */
    public String prefix() {
        return s.prefix();
    }

    @Override
    public String disk() {
        return s.disk();
    }

    @Override
    public String driverName() {
        return "s3";
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    // ---- writes ----------------------------------------------------------------------------

    @Override
    public ObjectInfo write(String key, Content content, WriteOptions options) {
        requireKeyFits(Operation.WRITE, key);
        long length = content.length();
        long threshold = s.multipartThreshold();
        if (content instanceof Content.Bytes b && length < threshold) {
            return putBytes(key, b.bytes(), b.bytes().length, options);
        }
        if (content instanceof Content.File f && length < threshold) {
            return putFile(key, f.path(), length, options);
        }
        if (options.ifNoneMatch() && (length < 0 || length >= threshold) && exists(key)) {
            // Fail before uploading a large body; the completion re-checks atomically.
            throw new ObjectAlreadyExistsException(s.disk(), Operation.WRITE, key);
        }
        InputStream in;
        try {
            in = content.openStream();
        } catch (IOException e) {
            throw new StorageException(s.disk(), Operation.WRITE, key, "cannot open the content: " + e.getMessage(), e);
        }
        try (InputStream stream = in) {
            if (length >= 0 && length < threshold) {
                byte[] buf = readExactly(key, stream, (int) length);
                return putBytes(key, buf, buf.length, options);
            }
            if (length >= 0) {
                return multipart.upload(key, stream, length, null, 0, options);
            }
            byte[] first = new byte[(int) s.partSize()];
            int n = read(key, stream, first, first.length);
            if (n < first.length) {
                return putBytes(key, first, n, options);
            }
            PushbackInputStream rest = new PushbackInputStream(stream, 1);
            byte[] peek = new byte[1];
            if (read(key, rest, peek, 1) < 1) {
                return putBytes(key, first, n, options);
            }
            rest.unread(peek[0] & 0xff);
            return multipart.upload(key, rest, -1, first, n, options);
        } catch (IOException e) {
            throw new StorageException(s.disk(), Operation.WRITE, key, "closing the content failed: " + e.getMessage(), e);
        }
    }

    /** S3 keys are at most 1,024 bytes of UTF-8, the disk prefix included. */
    private void requireKeyFits(Operation operation, String key) {
        if (!s.prefix().isEmpty()
                && s.fullKey(key).getBytes(java.nio.charset.StandardCharsets.UTF_8).length > StorageKey.MAX_BYTES) {
            throw new InvalidKeyException(s.disk(), operation, key, "key is longer than "
                    + (StorageKey.MAX_BYTES - s.prefix().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                    + " bytes of UTF-8, the most S3 allows under this disk's prefix");
        }
    }

    private byte[] readExactly(String key, InputStream in, int length) {
        byte[] buf = new byte[length];
        int n = read(key, in, buf, length);
        if (n < length) {
            throw new StorageException(s.disk(), Operation.WRITE, key, "the content ended after " + n + " bytes; "
                    + length + " were announced; nothing was stored", null);
        }
        if (read(key, in, new byte[1], 1) > 0) {
            throw new StorageException(s.disk(), Operation.WRITE, key, "the content is longer than the " + length
                    + " bytes announced; nothing was stored", null);
        }
        return buf;
    }

    private int read(String key, InputStream in, byte[] buf, int length) {
        try {
            return in.readNBytes(buf, 0, length);
        } catch (IOException e) {
            throw new StorageException(s.disk(), Operation.WRITE, key,
                    "reading the content failed: " + e.getMessage() + "; nothing was stored", e);
        }
    }

    private PutObjectRequest.Builder putRequest(String key, long length, WriteOptions options, String checksum) {
        PutObjectRequest.Builder r = PutObjectRequest.builder().bucket(s.bucket()).key(s.fullKey(key))
                .contentType(options.contentType()).contentLength(length)
                .contentDisposition(options.contentDisposition()).cacheControl(options.cacheControl())
                .tagging(S3Headers.tagging(options.tags()));
        if (!options.metadata().isEmpty()) {
            r.metadata(S3Headers.encodeMetadata(options.metadata())); // none: spares the SDK's metadata interceptor
        }
        if (s.checksum() == ChecksumMode.CRC32C) {
            r.checksumCRC32C(checksum);
        } else if (s.checksum() == ChecksumMode.SHA256) {
            r.checksumSHA256(checksum);
        }
        if (options.ifNoneMatch()) {
            r.ifNoneMatch("*");
        } else if (options.ifMatch() != null) {
            r.ifMatch(s.ifMatchQuoted() ? ETags.quote(options.ifMatch()) : ETags.unquote(options.ifMatch()));
        }
        return r;
    }

    private ObjectInfo putBytes(String key, byte[] buf, int length, WriteOptions options) {
        String checksum = Bodies.checksum(s.checksum(), buf, 0, length);
        return put(key, putRequest(key, length, options, checksum).build(), Bodies.of(buf, 0, length), length,
                options, checksum);
    }

    private ObjectInfo putFile(String key, Path file, long length, WriteOptions options) {
        String checksum = fileChecksum(key, file);
        return put(key, putRequest(key, length, options, checksum).build(), RequestBody.fromFile(file), length,
                options, checksum);
    }

    private String fileChecksum(String key, Path file) {
        if (s.checksum() == ChecksumMode.WHEN_REQUIRED) {
            return null;
        }
        CRC32C crc = new CRC32C();
        MessageDigest sha = s.checksum() == ChecksumMode.SHA256 ? Bodies.sha256() : null;
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                if (sha != null) {
                    sha.update(buf, 0, n);
                } else {
                    crc.update(buf, 0, n);
                }
            }
        } catch (IOException e) {
            throw new StorageException(s.disk(), Operation.WRITE, key, "cannot read " + file + ": " + e.getMessage(), e);
        }
        return sha != null ? java.util.Base64.getEncoder().encodeToString(sha.digest())
                : dev.stowage.spi.Checksums.encode(crc.getValue());
    }

    private ObjectInfo put(String key, PutObjectRequest request, RequestBody body, long length, WriteOptions options,
            String checksum) {
        PutObjectResponse response;
        try {
            response = client.putObject(request, body);
        } catch (RuntimeException e) {
            throw errors.translate(e, Operation.WRITE, key, MultipartUpload.condition(options));
        }
        ObjectInfo.Builder info = ObjectInfo.builder(key).disk(s.disk()).size(length)
                .contentType(options.contentType()).lastModified(S3Headers.now()).etag(response.eTag())
                .metadata(options.metadata()).tags(options.tags())
                .contentDisposition(options.contentDisposition()).cacheControl(options.cacheControl());
        if (checksum != null) {
            info.checksum(s.checksum() == ChecksumMode.SHA256 ? ChecksumAlgorithm.SHA256 : ChecksumAlgorithm.CRC32C,
                    checksum);
        }
        return info.build();
    }

    // ---- reads -----------------------------------------------------------------------------

    @Override
    public InputStream read(String key, ByteRange range) {
        GetObjectRequest.Builder r = GetObjectRequest.builder().bucket(s.bucket()).key(s.fullKey(key));
        if (!range.isAll()) {
            if (range.isSuffix() && range.suffixLength() == 0) {
                stat(key); // "the last 0 bytes": nothing to read, but the object must exist
                return InputStream.nullInputStream();
            }
            r.range(range.toHttpHeader());
        } else if (s.checksum() != ChecksumMode.WHEN_REQUIRED) {
            r.checksumMode(software.amazon.awssdk.services.s3.model.ChecksumMode.ENABLED);
        }
        try {
            ResponseInputStream<GetObjectResponse> in = client.getObject(r.build());
            Long length = in.response().contentLength();
            return new S3ObjectStream(in, length == null ? -1 : length);
        } catch (S3Exception e) {
            if (e.statusCode() == 416) {
                return InputStream.nullInputStream(); // the range starts at or past the end
            }
            throw errors.translate(e, Operation.READ, key);
        } catch (RuntimeException e) {
            throw errors.translate(e, Operation.READ, key);
        }
    }

    /**
     * A ranged GET with {@code If-Match}; the response's own ETag is compared too, for services that
     * ignore conditional GET headers. Either mismatch is a {@link dev.stowage.PreconditionFailedException}.
     */
    @Override
    public InputStream readIfMatch(String key, ByteRange range, String etag) {
        GetObjectRequest.Builder r = GetObjectRequest.builder().bucket(s.bucket()).key(s.fullKey(key))
                .ifMatch(ETags.quote(etag));
        if (!range.isAll()) {
            r.range(range.toHttpHeader());
        }
        ResponseInputStream<GetObjectResponse> in;
        try {
            in = client.getObject(r.build());
        } catch (S3Exception e) {
            if (e.statusCode() == 416) {
                return InputStream.nullInputStream();
            }
            throw errors.translate(e, Operation.READ, key, S3Errors.Condition.IF_MATCH);
        } catch (RuntimeException e) {
            throw errors.translate(e, Operation.READ, key);
        }
        String seen = in.response().eTag();
        if (seen != null && !ETags.unquote(seen).equals(ETags.unquote(etag))) {
            in.abort();
            throw new dev.stowage.PreconditionFailedException(s.disk(), Operation.READ, key,
                    "the object's etag is now " + seen + ", not " + etag, null);
        }
        Long length = in.response().contentLength();
        return new S3ObjectStream(in, length == null ? -1 : length);
    }

    /** S3 serves each range on its own connection: large downloads go faster as parallel ranges. */
    @Override
    public boolean prefersParallelRangedReads() {
        return true;
    }

    @Override
    public ObjectInfo stat(String key) {
        return stat(Operation.STAT, key);
    }

    private ObjectInfo stat(Operation operation, String key) {
        HeadObjectResponse h;
        try {
            h = client.headObject(b -> {
                b.bucket(s.bucket()).key(s.fullKey(key));
                if (s.checksum() != ChecksumMode.WHEN_REQUIRED) {
                    b.checksumMode(software.amazon.awssdk.services.s3.model.ChecksumMode.ENABLED);
                }
            });
        } catch (RuntimeException e) {
            throw errors.translate(e, operation, key);
        }
        ObjectInfo.Builder info = ObjectInfo.builder(key).disk(s.disk())
                .size(h.contentLength() == null ? 0 : h.contentLength()).contentType(h.contentType())
                .lastModified(h.lastModified()).etag(h.eTag())
                .metadata(S3Headers.decodeMetadata(h.metadata(), s.restoreMetadataUnderscores()))
                .contentDisposition(h.contentDisposition()).cacheControl(h.cacheControl());
        S3Headers.checksums(info, h.checksumCRC32C(), h.checksumCRC64NVME(), h.checksumSHA256());
        return info.build();
    }

    private boolean exists(String key) {
        try {
            stat(Operation.WRITE, key);
            return true;
        } catch (ObjectNotFoundException e) {
            return false;
        }
    }

    @Override
    public Map<String, String> tags(String key) {
        try {
            Map<String, String> tags = new LinkedHashMap<>();
            client.getObjectTagging(b -> b.bucket(s.bucket()).key(s.fullKey(key))).tagSet()
                    .forEach(t -> tags.put(t.key(), t.value()));
            return tags;
        } catch (RuntimeException e) {
            throw errors.translate(e, Operation.TAGS, key);
        }
    }

    /** The tags, or none where the service has no tagging (501 NotImplemented, as s3proxy). */
    private Map<String, String> tagsIfSupported(String key) {
        try {
            return tags(key);
        } catch (StorageException e) {
            if (e.getCause() instanceof S3Exception s3 && s3.statusCode() == 501) {
                return Map.of();
            }
            throw e;
        }
    }

    @Override
    public Page list(ListQuery query) {
        return lister.list(query);
    }

    // ---- deletes ---------------------------------------------------------------------------

    @Override
    public boolean delete(String key) {
        if (!exists(key)) {
            return false;
        }
        try {
            client.deleteObject(b -> b.bucket(s.bucket()).key(s.fullKey(key)));
            return true;
        } catch (RuntimeException e) {
            throw errors.translate(e, Operation.DELETE, key);
        }
    }

    @Override
    public void deleteMany(List<String> keys) {
        for (int from = 0; from < keys.size(); from += 1000) {
            List<String> batch = keys.subList(from, Math.min(keys.size(), from + 1000));
            List<ObjectIdentifier> ids = new ArrayList<>(batch.size());
            for (String key : batch) {
                ids.add(ObjectIdentifier.builder().key(s.fullKey(key)).build());
            }
            DeleteObjectsResponse response;
            try {
                response = client.deleteObjects(b -> b.bucket(s.bucket())
                        .delete(Delete.builder().objects(ids).quiet(true).build()));
            } catch (RuntimeException e) {
                throw errors.translate(e, Operation.DELETE, batch.get(0));
            }
            List<S3Error> failed = response.errors().stream().filter(e -> !"NoSuchKey".equals(e.code())).toList();
            if (!failed.isEmpty()) {
                S3Error first = failed.get(0);
                String key = s.relativeKey(first.key());
                String reason = failed.size() + " of " + batch.size() + " deletes failed; first: " + first.code()
                        + (first.message() == null ? "" : " (" + first.message() + ")");
                throw "AccessDenied".equals(first.code())
                        ? new dev.stowage.AccessDeniedException(s.disk(), Operation.DELETE, key, reason, null)
                        : new StorageException(s.disk(), Operation.DELETE, key, reason,
                                "InternalError".equals(first.code()) || "SlowDown".equals(first.code()), null);
            }
        }
    }

    // ---- copy ------------------------------------------------------------------------------

    @Override
    public ObjectInfo copy(String sourceKey, String targetKey) {
        requireKeyFits(Operation.COPY, targetKey);
        ObjectInfo source = stat(Operation.COPY, sourceKey);
        if (source.size() > s.multipartCopyThreshold()) {
            Map<String, String> tags = tagsIfSupported(sourceKey);
            return multipartCopy.copy(source, tags, targetKey);
        }
        CopyObjectResponse response;
        try {
            response = client.copyObject(b -> b.sourceBucket(s.bucket()).sourceKey(s.fullKey(sourceKey))
                    .destinationBucket(s.bucket()).destinationKey(s.fullKey(targetKey)));
        } catch (RuntimeException e) {
            throw errors.translate(e, Operation.COPY, sourceKey);
        }
        ObjectInfo.Builder info = source.toBuilder().key(targetKey);
        if (response.copyObjectResult() != null) {
            info.etag(response.copyObjectResult().eTag());
            if (response.copyObjectResult().lastModified() != null) {
                info.lastModified(response.copyObjectResult().lastModified());
            }
        }
        return info.build();
    }

    // ---- URLs ------------------------------------------------------------------------------

    @Override
    public URI signedUrl(String key, SignedUrlOptions options) {
        String fullKey = s.fullKey(key);
        try {
            java.net.URL url = switch (options.method()) {
                case GET -> presigner.presignGetObject(p -> p.signatureDuration(options.expiresIn())
                        .getObjectRequest(g -> g.bucket(s.bucket()).key(fullKey).responseContentDisposition(
                                options.downloadName() == null ? null : S3Headers.attachment(options.downloadName()))))
                        .url();
                case PUT -> presigner.presignPutObject(p -> p.signatureDuration(options.expiresIn())
                        .putObjectRequest(r -> r.bucket(s.bucket()).key(fullKey).contentType(options.contentType())))
                        .url();
            };
            return url.toURI();
        } catch (URISyntaxException e) {
            throw new StorageException(s.disk(), Operation.SIGN_URL, key, "the SDK made an invalid URL", e);
        } catch (RuntimeException e) {
            throw errors.translate(e, Operation.SIGN_URL, key);
        }
    }

    @Override
    public URI publicUrl(String key) {
        String path = UrlEncoding.encodePath(s.fullKey(key));
        if (s.publicUrl() != null) {
            return URI.create(s.publicUrl() + "/" + path);
        }
        URI endpoint = s.endpoint() != null ? s.endpoint()
                : URI.create("https://s3." + s.region() + ".amazonaws.com");
        String base = endpoint.getScheme() + "://";
        String hostPort = endpoint.getHost() + (endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort());
        String basePath = endpoint.getRawPath() == null ? "" : endpoint.getRawPath();
        if (s.pathStyle() || s.bucket().contains(".") && "https".equals(endpoint.getScheme())) {
            return URI.create(base + hostPort + basePath + "/" + UrlEncoding.encodePath(s.bucket()) + "/" + path);
        }
        return URI.create(base + s.bucket() + "." + hostPort + basePath + "/" + path);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            presigner.close();
            client.close();
            http.close();
        }
    }

    @Override
    public String toString() {
        return "S3Driver[" + s + "]";
    }
}
