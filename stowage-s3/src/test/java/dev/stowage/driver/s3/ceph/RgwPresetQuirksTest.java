package dev.stowage.driver.s3.ceph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.Capability;
import dev.stowage.Content;
import dev.stowage.ObjectAlreadyExistsException;
import dev.stowage.ObjectInfo;
import dev.stowage.PreconditionFailedException;
import dev.stowage.PutOptions;
import dev.stowage.SignedUrlOptions;
import dev.stowage.Storage;
import dev.stowage.testkit.TestBytes;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One test per RGW quirk the {@code ceph} preset absorbs: the same operation on a disk with that one
 * fix turned off shows the quirk (what a user would get without the preset), and with the preset it
 * behaves as on AWS. The raw behaviour is pinned in {@link RgwQuirksProbeTest}.
 */
@ExtendWith(CephRgwExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RgwPresetQuirksTest {

    private static final long MULTIPART = 6L << 20;
    private static final Map<String, String> SMALL_PARTS = Map.of("multipart-threshold", "5MiB", "part-size", "5MiB");

    private RgwEndpoint rgw;
    private S3Client admin;
    private String bucket;
    private Storage preset;

    @BeforeAll
    void openTheDisk(RgwEndpoint rgw) {
        this.rgw = rgw;
        admin = RgwClients.checksumsWhenRequired(rgw);
        bucket = RgwClients.bucketName("quirks");
        admin.createBucket(b -> b.bucket(bucket));
        preset = RgwDisks.open(rgw, bucket, SMALL_PARTS);
    }

    @AfterAll
    void deleteTheBucket() {
        if (preset != null) {
            preset.close();
        }
        if (admin != null) {
            RgwTestSupport.emptyAndDelete(admin, bucket);
            admin.close();
        }
    }

    private Storage without(String setting, String value) {
        Map<String, String> settings = new java.util.HashMap<>(SMALL_PARTS);
        settings.put(setting, value);
        return RgwDisks.open(rgw, bucket, settings);
    }

    private static String unique(String name) {
        return UUID.randomUUID().toString().substring(0, 8) + "/" + name;
    }

    @Test
    void a_quoted_if_match_fails_on_the_current_etag_so_the_preset_sends_it_unquoted() {
        String key = unique("cas.txt");
        try (Storage quoted = without("if-match-quoted", "true")) {
            ObjectInfo v1 = quoted.put(key, Content.of("v1"));

            assertThatThrownBy(() -> quoted.put(key, Content.of("v2"), PutOptions.builder().ifMatch(v1.etag()).build()))
                    .isInstanceOf(PreconditionFailedException.class);
            preset.put(key, Content.of("v2"), PutOptions.builder().ifMatch(v1.etag()).build());
        }
        assertThat(preset.getString(key)).isEqualTo("v2");
    }

    @Test
    void rgw_stores_no_crc32c_so_the_preset_does_not_claim_stored_checksums() {
        String key = unique("sum.bin");
        try (Storage crc = without("checksum", "crc32c")) {
            crc.put(key, Content.of(TestBytes.random(1000, 1)));

            assertThat(crc.capabilities().supports(Capability.CHECKSUMS)).isTrue();
            assertThat(crc.stat(key).checksums()).as("claimed, yet RGW 16.2 returns none").isEmpty();
        }
        assertThat(preset.capabilities().supports(Capability.CHECKSUMS)).isFalse();
    }

    @Test
    void payloads_signed_in_aws_chunked_encoding_leave_content_encoding_on_the_object_so_bodies_go_unsigned()
            throws Exception {
        String chunked = unique("chunked.txt");
        String plain = unique("plain.txt");
        try (Storage signed = without("unsigned-payload", "false")) {
            signed.put(chunked, Content.of("abc"));
        }
        preset.put(plain, Content.of("abc"));

        assertThat(contentEncodingServedFor(chunked)).as("what a browser would be told").hasValue("aws-chunked");
        assertThat(contentEncodingServedFor(plain)).isEmpty();
    }

    private java.util.Optional<String> contentEncodingServedFor(String key) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(
                    preset.signedUrl(key, SignedUrlOptions.get(Duration.ofMinutes(1)))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).asString().isEqualTo("abc");
            return response.headers().firstValue("content-encoding");
        }
    }

    @Test
    void metadata_names_come_back_with_dashes_for_underscores_so_the_preset_restores_them() {
        String key = unique("meta.txt");
        preset.put(key, Content.of("m"), PutOptions.builder().metadata("case_id", "42").build());

        try (Storage raw = without("restore-metadata-underscores", "false")) {
            assertThat(raw.stat(key).metadata()).containsExactlyEntriesOf(Map.of("case-id", "42"));
        }
        assertThat(preset.stat(key).metadata()).containsExactlyEntriesOf(Map.of("case_id", "42"));
    }

    @Test
    void tags_of_a_multipart_upload_are_dropped_so_the_preset_tags_the_object_after_completing() {
        String lost = unique("lost-tags.bin");
        String kept = unique("kept-tags.bin");
        PutOptions tagged = PutOptions.builder().tag("team", "data").build();
        try (Storage untagged = without("tag-multipart-after-complete", "false")) {
            untagged.put(lost, Content.of(TestBytes.stream(MULTIPART, 1)), tagged);
        }
        preset.put(kept, Content.of(TestBytes.stream(MULTIPART, 1)), tagged);

        assertThat(preset.tags(lost)).isEmpty();
        assertThat(preset.tags(kept)).containsExactlyEntriesOf(Map.of("team", "data"));
    }

    @Test
    void conditions_on_completing_a_multipart_upload_are_ignored_so_the_preset_checks_them_first() {
        String key = unique("cas.bin");
        ObjectInfo first = preset.put(key, Content.of("first"));
        preset.put(key, Content.of("second"));
        PutOptions stale = PutOptions.builder().ifMatch(first.etag()).build();

        assertThatThrownBy(() -> preset.put(key, Content.of(TestBytes.stream(MULTIPART, 2)), stale))
                .isInstanceOf(PreconditionFailedException.class);
        assertThat(preset.getString(key)).isEqualTo("second");
        assertThat(admin.listMultipartUploads(b -> b.bucket(bucket).prefix(key)).uploads()).isEmpty();

        try (Storage unchecked = without("check-multipart-conditions", "false")) {
            unchecked.put(key, Content.of(TestBytes.stream(MULTIPART, 2)), stale);
        }
        assertThat(preset.stat(key).size()).as("the etag was stale, yet the object was replaced").isEqualTo(MULTIPART);
    }

    @Test
    void a_multipart_compare_and_swap_with_the_current_etag_succeeds_and_reports_the_new_etag() {
        String key = unique("cas-ok.bin");
        ObjectInfo v1 = preset.put(key, Content.of("v1"));

        ObjectInfo v2 = preset.put(key, Content.of(TestBytes.stream(MULTIPART, 3)),
                PutOptions.builder().ifMatch(v1.etag()).build());

        assertThat(v2.etag()).as("RGW answers CompleteMultipartUpload with an empty etag").isNotBlank()
                .isEqualTo(preset.stat(key).etag());
    }
}
