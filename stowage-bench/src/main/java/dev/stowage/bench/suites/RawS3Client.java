package dev.stowage.bench.suites;

import dev.stowage.bench.harness.RangedFile;
import dev.stowage.bench.harness.ObjectClient;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * The raw AWS SDK for Java v2 (2.57.8) as a user who tuned it would write each operation: an
 * {@link S3Client} on the Apache 5 HTTP client with the settings Stowage's own client has
 * ({@code expectContinueEnabled(false)}, request/response checksums {@code WHEN_REQUIRED}, 128
 * connections), so that the ratio against it is the cost of Stowage's own layers.
 * <ul>
 * <li>put/get/stat/list: one blocking call each ({@code RequestBody.fromBytes},
 * {@code ResponseTransformer.toBytes}, the list paginator);</li>
 * <li>delete: {@code DeleteObjects} in batches of 1,000, quiet;</li>
 * <li>256 MiB upload: the SDK's own multipart client ({@code S3AsyncClient} with
 * {@code multipartEnabled(true)}, 8 MiB parts, on the Netty client) from the stream;</li>
 * <li>256 MiB download: 8 MiB ranged GETs, {@code parallelism} at once, written at their offsets;</li>
 * <li>async puts: the same blocking client on virtual threads, at most 256 in flight (Stowage's
 * default {@code async-concurrency}), which keeps the platform threads to the carrier pool.</li>
 * </ul>
 */
final class RawS3Client implements ObjectClient {
    private static final long PART = 8L << 20;
    private static final int ASYNC_CONCURRENCY = 256;

    private final String bucket;
    private final S3Client client;
    private final S3AsyncClient multipart;
    private final int parallelism;
    private final ExecutorService virtualThreads = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore inFlight = new Semaphore(ASYNC_CONCURRENCY);

    RawS3Client(URI endpoint, String bucket, String access, String secret, int parallelism) {
        this.bucket = bucket;
        this.parallelism = parallelism;
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(access, secret));
        this.client = S3Client.builder()
                .httpClient(Apache5HttpClient.builder().maxConnections(128).expectContinueEnabled(false)
                        .tcpKeepAlive(true).build())
                .endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true).credentialsProvider(credentials)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
        this.multipart = S3AsyncClient.builder()
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(parallelism * 2)
                        .connectionAcquisitionTimeout(Duration.ofMinutes(1)))
                .endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true).credentialsProvider(credentials)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .multipartEnabled(true)
                .multipartConfiguration(m -> m.minimumPartSizeInBytes(PART).thresholdInBytes(PART))
                .build();
    }

    @Override
    public String name() {
        return "aws sdk";
    }

    @Override
    public void put(String key, byte[] data) {
        client.putObject(b -> b.bucket(bucket).key(key).contentType("application/octet-stream"),
                RequestBody.fromBytes(data));
    }

    @Override
    public byte[] get(String key) {
        return client.getObject(b -> b.bucket(bucket).key(key), ResponseTransformer.toBytes()).asByteArrayUnsafe();
    }

    @Override
    public long stat(String key) {
        return client.headObject(b -> b.bucket(bucket).key(key)).contentLength();
    }

    @Override
    public int list(String prefix, boolean delimiter) {
        int n = 0;
        for (ListObjectsV2Response page : client.listObjectsV2Paginator(b -> {
            b.bucket(bucket).prefix(prefix).maxKeys(1000);
            if (delimiter) {
                b.delimiter("/");
            }
        })) {
            n += page.contents().size();
            List<CommonPrefix> prefixes = page.commonPrefixes();
            n += prefixes.size();
        }
        return n;
    }

    @Override
    public void deleteAll(List<String> keys) {
        for (int from = 0; from < keys.size(); from += 1000) {
            List<ObjectIdentifier> ids = new ArrayList<>();
            for (String key : keys.subList(from, Math.min(keys.size(), from + 1000))) {
                ids.add(ObjectIdentifier.builder().key(key).build());
            }
            var response = client.deleteObjects(b -> b.bucket(bucket).delete(Delete.builder().objects(ids).quiet(true).build()));
            if (!response.errors().isEmpty()) {
                throw new IllegalStateException(response.errors().size() + " deletes failed: " + response.errors().get(0));
            }
        }
    }

    @Override
    public void upload(String key, InputStream in, long length) {
        multipart.putObject(b -> b.bucket(bucket).key(key).contentType("application/octet-stream"),
                AsyncRequestBody.fromInputStream(in, length, virtualThreads)).join();
    }

    @Override
    public void download(String key, Path target) throws Exception {
        RangedFile.download(target, stat(key), PART, parallelism, virtualThreads, (at, length) -> {
            try (ResponseInputStream<GetObjectResponse> body = client.getObject(
                    b -> b.bucket(bucket).key(key).range("bytes=" + at + "-" + (at + length - 1)))) {
                return body.readAllBytes();
            }
        });
    }

    @Override
    public CompletableFuture<?> putAsync(String key, byte[] data) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        virtualThreads.execute(() -> {
            try {
                inFlight.acquire();
                try {
                    put(key, data);
                } finally {
                    inFlight.release();
                }
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        return done;
    }

    @Override
    public void close() {
        virtualThreads.shutdownNow();
        multipart.close();
        client.close();
    }
}
