package dev.stowage.driver.s3.ceph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
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

    @Test
    void metadata_names_with_underscores_come_back_with_dashes() {
        whenRequired.putObject(b -> b.bucket(bucket).key("meta").metadata(Map.of("case_id", "1")),
                RequestBody.fromBytes(BODY));

        assertThat(whenRequired.headObject(b -> b.bucket(bucket).key("meta")).metadata())
                .as("AWS keeps case_id; RGW 16.2 answers x-amz-meta-case-id")
                .containsExactlyEntriesOf(Map.of("case-id", "1"));
    }

    @Test
    void tags_sent_with_create_multipart_upload_are_dropped() {
        completeMultipart("tagged-mp", c -> c.tagging("team=data"), b -> { });
        whenRequired.putObject(b -> b.bucket(bucket).key("tagged-single").tagging("team=data"),
                RequestBody.fromBytes(BODY));

        assertThat(whenRequired.getObjectTagging(b -> b.bucket(bucket).key("tagged-mp")).tagSet())
                .as("AWS applies x-amz-tagging of CreateMultipartUpload; RGW 16.2 drops it").isEmpty();
        assertThat(whenRequired.getObjectTagging(b -> b.bucket(bucket).key("tagged-single")).tagSet()).hasSize(1);
    }

    @Test
    void conditions_on_complete_multipart_upload_are_ignored_and_the_object_is_overwritten() {
        whenRequired.putObject(b -> b.bucket(bucket).key("cond-mp"), RequestBody.fromBytes(BODY));

        completeMultipart("cond-mp", c -> { }, b -> b.ifNoneMatch("*"));
        completeMultipart("cond-mp", c -> { }, b -> b.ifMatch("\"0123456789abcdef0123456789abcdef\""));

        assertThat(whenRequired.headObject(b -> b.bucket(bucket).key("cond-mp")).eTag())
                .as("AWS answers 412 to both; RGW 16.2 completed both uploads").endsWith("-1\"");
    }

    @Test
    void complete_multipart_upload_answers_with_an_empty_etag() {
        CompleteMultipartUploadResponse response = completeMultipart("etag-mp", c -> { }, b -> { });

        assertThat(response.eTag()).as("AWS answers the multipart etag; RGW 16.2 an empty element").isEmpty();
        assertThat(whenRequired.headObject(b -> b.bucket(bucket).key("etag-mp")).eTag()).endsWith("-1\"");
    }

    @Test
    void a_suffix_range_of_zero_bytes_returns_the_whole_object() {
        whenRequired.putObject(b -> b.bucket(bucket).key("ten"), RequestBody.fromBytes(new byte[10]));

        var response = whenRequired.getObjectAsBytes(b -> b.bucket(bucket).key("ten").range("bytes=-0"));

        assertThat(response.asByteArray()).as("AWS answers 416 InvalidRange; RGW 16.2 sends everything").hasSize(10);
    }

    @Test
    void a_range_starting_at_the_end_answers_416_invalid_range() {
        whenRequired.putObject(b -> b.bucket(bucket).key("ten2"), RequestBody.fromBytes(new byte[10]));

        S3Exception e = catchThrowableOfType(S3Exception.class,
                () -> whenRequired.getObjectAsBytes(b -> b.bucket(bucket).key("ten2").range("bytes=10-")));

        assertThat(e.statusCode()).isEqualTo(416);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRange");
    }

    /** A one-part multipart upload of {@link #BODY} to {@code key}, with extras on create and complete. */
    private CompleteMultipartUploadResponse completeMultipart(String key, Consumer<CreateMultipartUploadRequest.Builder> create,
            Consumer<CompleteMultipartUploadRequest.Builder> complete) {
        String id = whenRequired.createMultipartUpload(b -> {
            b.bucket(bucket).key(key);
            create.accept(b);
        }).uploadId();
        String etag = whenRequired.uploadPart(b -> b.bucket(bucket).key(key).uploadId(id).partNumber(1),
                RequestBody.fromBytes(BODY)).eTag();
        return whenRequired.completeMultipartUpload(b -> {
            b.bucket(bucket).key(key).uploadId(id).multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(etag)));
            complete.accept(b);
        });
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
