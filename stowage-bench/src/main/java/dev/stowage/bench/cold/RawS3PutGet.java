package dev.stowage.bench.cold;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 floor of the cold benchmark: one put or get with the AWS SDK's {@code S3Client} and
 * nothing else, in one process. {@code put FILE ENDPOINT BUCKET KEY} / {@code get ENDPOINT BUCKET
 * KEY FILE}; credentials in {@code S3_ACCESS_KEY} / {@code S3_SECRET_KEY}. The HTTP client is the
 * one the S3 driver uses (Apache 5), given explicitly so the SDK does not look one up.
 */
public final class RawS3PutGet {
    private RawS3PutGet() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: RawS3PutGet put FILE ENDPOINT BUCKET KEY | get ENDPOINT BUCKET KEY FILE");
            System.exit(2);
        }
        boolean put = args[0].equals("put");
        String endpoint = put ? args[2] : args[1];
        String bucket = put ? args[3] : args[2];
        String key = put ? args[4] : args[3];
        try (S3Client s3 = S3Client.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        System.getenv("S3_ACCESS_KEY"), System.getenv("S3_SECRET_KEY"))))
                .httpClient(Apache5HttpClient.create())
                .build()) {
            if (put) {
                s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(Path.of(args[1])));
            } else {
                Path target = Path.of(args[4]);
                Files.deleteIfExists(target);
                s3.getObject(b -> b.bucket(bucket).key(key), ResponseTransformer.toFile(target));
            }
        }
    }
}
