package dev.stowage.driver.s3.ceph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Pins, with the raw AWS SDK v2 and no Stowage code, the RGW (Ceph 16.2) behaviours that the S3
 * driver's {@code ceph} preset must absorb. If RGW ever stops showing one, the test says so and the
 * preset's workaround can be reconsidered.
 */
@ExtendWith(CephRgwExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RgwQuirksProbeTest {

    private static final byte[] BODY = "hello rgw".getBytes(StandardCharsets.UTF_8);

    private S3Client defaults;
    private S3Client whenRequired;
    private String bucket;

    @BeforeAll
    void createBucket(RgwEndpoint rgw) {
        defaults = RgwClients.sdkDefaults(rgw);
        whenRequired = RgwClients.checksumsWhenRequired(rgw);
        bucket = RgwClients.bucketName("probe");
        whenRequired.createBucket(b -> b.bucket(bucket));
    }

    @AfterAll
    void closeClients() {
        if (whenRequired != null) {
            RgwTestSupport.emptyAndDelete(whenRequired, bucket);
            whenRequired.close();
        }
        if (defaults != null) {
            defaults.close();
        }
    }

    @Test
    void uploads_with_the_sdk_default_flexible_checksums_are_rejected_with_x_amz_content_sha256_mismatch() {
        S3Exception e = catchThrowableOfType(S3Exception.class,
                () -> defaults.putObject(b -> b.bucket(bucket).key("default-checksums"), RequestBody.fromBytes(BODY)));

        assertThat(e).as("RGW 16.2 rejects aws-chunked uploads with a checksum trailer").isNotNull();
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("XAmzContentSHA256Mismatch");
    }

    @Test
    void uploads_succeed_when_checksums_are_only_sent_when_required() {
        whenRequired.putObject(b -> b.bucket(bucket).key("when-required"), RequestBody.fromBytes(BODY));

        assertThat(whenRequired.getObjectAsBytes(b -> b.bucket(bucket).key("when-required")).asByteArray())
                .isEqualTo(BODY);
    }

    @Test
    void a_wrong_crc32c_checksum_header_is_accepted_and_no_checksum_is_returned() {
        byte[] other = "something else".getBytes(StandardCharsets.UTF_8);

        PutObjectResponse put = whenRequired.putObject(b -> b.bucket(bucket).key("wrong-crc")
                .checksumCRC32C(crc32c(other)), RequestBody.fromBytes(BODY));
        HeadObjectResponse head = whenRequired.headObject(b -> b.bucket(bucket).key("wrong-crc")
                .checksumMode(ChecksumMode.ENABLED));

        assertThat(put.checksumCRC32C()).as("AWS would answer 400 BadDigest; RGW 16.2 ignores the header").isNull();
        assertThat(head.checksumCRC32C()).isNull();
    }

    @Test
    void an_upload_signed_in_aws_chunked_encoding_keeps_content_encoding_aws_chunked_on_the_object() {
        whenRequired.putObject(b -> b.bucket(bucket).key("chunked"), RequestBody.fromBytes(BODY));

        HeadObjectResponse head = whenRequired.headObject(b -> b.bucket(bucket).key("chunked"));

        assertThat(head.contentEncoding()).as("AWS strips aws-chunked; RGW 16.2 stores it").isEqualTo("aws-chunked");
    }

    private static String crc32c(byte[] data) {
        CRC32C crc = new CRC32C();
        crc.update(data);
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    @Test
    void a_put_if_match_with_the_quoted_etag_answers_412_while_the_unquoted_etag_matches() {
        String etag = whenRequired.putObject(b -> b.bucket(bucket).key("if-match"), RequestBody.fromBytes(BODY)).eTag();
        assertThat(etag).startsWith("\"").endsWith("\"");

        S3Exception quoted = catchThrowableOfType(S3Exception.class, () -> whenRequired.putObject(
                b -> b.bucket(bucket).key("if-match").ifMatch(etag), RequestBody.fromBytes(BODY)));
        assertThat(quoted).as("RGW 16.2 compares If-Match with the quotes").isNotNull();
        assertThat(quoted.statusCode()).isEqualTo(412);

        String unquoted = etag.substring(1, etag.length() - 1);
        PutObjectResponse ok = whenRequired.putObject(b -> b.bucket(bucket).key("if-match").ifMatch(unquoted),
                RequestBody.fromBytes(BODY));
        assertThat(ok.eTag()).isEqualTo(etag);
    }
}
