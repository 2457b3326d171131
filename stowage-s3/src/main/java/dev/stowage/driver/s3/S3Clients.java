package dev.stowage.driver.s3;

import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Builds the SDK clients of a disk the way this driver needs them: the blocking client on the
 * Apache 5 HTTP client without {@code Expect: 100-continue}, flexible checksums only when required
 * (the driver sends its own checksum header, computed once), unsigned plain bodies on http
 * (see {@link UnsignedPayloadAuthScheme}), and a presigner with the same endpoint, region,
 * addressing style and credentials.
 */
final class S3Clients {

    private S3Clients() {
    }

    static AwsCredentialsProvider credentials(S3Settings s) {
        if (s.accessKey() != null) {
            return StaticCredentialsProvider.create(s.sessionToken() == null
                    ? AwsBasicCredentials.create(s.accessKey(), s.secretKey())
                    : AwsSessionCredentials.create(s.accessKey(), s.secretKey(), s.sessionToken()));
        }
        if (s.anonymous()) {
            return AnonymousCredentialsProvider.create();
        }
        return DefaultCredentialsProvider.builder().build();
    }

    static SdkHttpClient httpClient(S3Settings s) {
        return Apache5HttpClient.builder()
                .maxConnections(s.maxConnections())
                .expectContinueEnabled(false)
                .connectionTimeout(s.connectTimeout())
                .socketTimeout(s.socketTimeout())
                .tcpKeepAlive(true)
                .build();
    }

    static S3Client client(S3Settings s, SdkHttpClient http, AwsCredentialsProvider credentials,
            java.util.List<software.amazon.awssdk.core.interceptor.ExecutionInterceptor> interceptors) {
        S3ClientBuilder b = S3Client.builder()
                .httpClient(http)
                .region(Region.of(s.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(s.pathStyle())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(!s.unsignedPayload()).build())
                .overrideConfiguration(o -> {
                    o.retryStrategy(r -> r.maxAttempts(s.maxAttempts()));
                    o.addExecutionInterceptor(new NoExpectContinue());
                    interceptors.forEach(o::addExecutionInterceptor);
                });
        if (s.endpoint() != null) {
            b.endpointOverride(s.endpoint());
        }
        if (s.unsignedPayload()) {
            b.putAuthScheme(new UnsignedPayloadAuthScheme());
        }
        return b.build();
    }

    static S3Presigner presigner(S3Settings s, AwsCredentialsProvider credentials) {
        S3Presigner.Builder b = S3Presigner.builder()
                .region(Region.of(s.region()))
                .credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(s.pathStyle()).build());
        if (s.endpoint() != null) {
            b.endpointOverride(s.endpoint());
        }
        return b.build();
    }
}
