package dev.stowage.driver.s3.ceph;

import java.util.Locale;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/** Raw AWS SDK v2 clients for RGW, to probe its behaviour below the Stowage driver. */
final class RgwClients {

    private RgwClients() {
    }

    /** A path-style client with the SDK's defaults (flexible checksums when supported). */
    static S3Client sdkDefaults(RgwEndpoint rgw) {
        return builder(rgw).build();
    }

    /** A path-style client that sends and validates checksums only when an operation requires them. */
    static S3Client checksumsWhenRequired(RgwEndpoint rgw) {
        return builder(rgw)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    /** A fresh bucket name, valid for S3 and RGW. */
    static String bucketName(String purpose) {
        return ("stowage-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
    }

    private static software.amazon.awssdk.services.s3.S3ClientBuilder builder(RgwEndpoint rgw) {
        return S3Client.builder()
                .endpointOverride(rgw.endpoint())
                .region(Region.of(rgw.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(rgw.accessKey(), rgw.secretKey())))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build());
    }
}
