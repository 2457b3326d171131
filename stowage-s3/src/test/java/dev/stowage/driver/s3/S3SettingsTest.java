package dev.stowage.driver.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.StorageConfigurationException;
import dev.stowage.spi.DiskConfig;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class S3SettingsTest {

    private static S3Settings settings(Map<String, String> values) {
        return S3Settings.from(DiskConfig.of("d", "s3", values));
    }

    @Test
    void an_s3_uri_gives_bucket_prefix_and_settings_in_either_case_style() {
        DiskConfig config = new S3DriverProvider().configFromUri("d",
                URI.create("s3://photos/users/avatars?region=eu-west-1&endpoint=http://127.0.0.1:9000&pathStyle=true"
                        + "&part-size=16MiB"));
        S3Settings s = S3Settings.from(config);
        assertThat(s.bucket()).isEqualTo("photos");
        assertThat(s.prefix()).isEqualTo("users/avatars/");
        assertThat(s.region()).isEqualTo("eu-west-1");
        assertThat(s.endpoint()).isEqualTo(URI.create("http://127.0.0.1:9000"));
        assertThat(s.pathStyle()).isTrue();
        assertThat(s.partSize()).isEqualTo(16L << 20);
        assertThat(new S3DriverProvider().knownSettings()).containsAll(config.settings().keySet());
    }

    @Test
    void defaults_are_16_MiB_threshold_8_MiB_parts_4_in_flight_and_crc32c() {
        S3Settings s = settings(Map.of("bucket", "b"));
        assertThat(s.multipartThreshold()).isEqualTo(16L << 20);
        assertThat(s.partSize()).isEqualTo(8L << 20);
        assertThat(s.parallelism()).isEqualTo(4);
        assertThat(s.checksum()).isEqualTo(ChecksumMode.CRC32C);
        assertThat(s.region()).isEqualTo("us-east-1");
        assertThat(s.prefix()).isEmpty();
        assertThat(s.ifMatchQuoted()).isTrue();
    }

    @Test
    void presets_fill_endpoints_from_region_or_account_and_the_user_overrides_them() {
        assertThat(settings(Map.of("bucket", "b", "preset", "r2", "account-id", "abc123")).endpoint())
                .isEqualTo(URI.create("https://abc123.r2.cloudflarestorage.com"));
        assertThat(settings(Map.of("bucket", "b", "preset", "r2", "account-id", "abc123")).region()).isEqualTo("auto");
        assertThat(settings(Map.of("bucket", "b", "preset", "wasabi", "region", "eu-central-1")).endpoint())
                .isEqualTo(URI.create("https://s3.eu-central-1.wasabisys.com"));
        assertThat(settings(Map.of("bucket", "b", "preset", "b2", "region", "us-west-004")).endpoint())
                .isEqualTo(URI.create("https://s3.us-west-004.backblazeb2.com"));
        assertThat(settings(Map.of("bucket", "b", "preset", "spaces", "region", "nyc3")).endpoint())
                .isEqualTo(URI.create("https://nyc3.digitaloceanspaces.com"));
        S3Settings ceph = settings(Map.of("bucket", "b", "preset", "ceph", "endpoint", "http://rgw:7480"));
        assertThat(ceph.checksum()).isEqualTo(ChecksumMode.WHEN_REQUIRED);
        assertThat(ceph.ifMatchQuoted()).isFalse();
        assertThat(ceph.pathStyle()).isTrue();
        S3Settings overridden = settings(Map.of("bucket", "b", "preset", "ceph", "endpoint", "http://rgw:7480",
                "checksum", "crc32c", "path-style", "false"));
        assertThat(overridden.checksum()).isEqualTo(ChecksumMode.CRC32C);
        assertThat(overridden.pathStyle()).isFalse();
        assertThat(settings(Map.of("bucket", "b", "preset", "minio", "endpoint", "http://127.0.0.1:9000")).pathStyle())
                .isTrue();
    }

    @Test
    void a_preset_missing_what_its_endpoint_needs_says_which_setting() {
        assertThatThrownBy(() -> settings(Map.of("bucket", "b", "preset", "r2")))
                .isInstanceOf(StorageConfigurationException.class).hasMessageContaining("account-id");
        assertThatThrownBy(() -> settings(Map.of("bucket", "b", "preset", "nope")))
                .isInstanceOf(StorageConfigurationException.class).hasMessageContaining("minio");
    }

    @Test
    void bad_settings_are_refused_without_echoing_secrets() {
        assertThatThrownBy(() -> settings(Map.of())).isInstanceOf(StorageConfigurationException.class)
                .hasMessageContaining("bucket");
        assertThatThrownBy(() -> settings(Map.of("bucket", "b", "part-size", "1MiB")))
                .isInstanceOf(StorageConfigurationException.class).hasMessageContaining("part-size");
        assertThatThrownBy(() -> settings(Map.of("bucket", "b", "access-key", "AKIA")))
                .isInstanceOf(StorageConfigurationException.class).hasMessageContaining("secret-key");
        assertThatThrownBy(() -> settings(Map.of("bucket", "b", "checksum", "md5")))
                .isInstanceOf(StorageConfigurationException.class);
        S3Settings s = settings(Map.of("bucket", "b", "access-key", "AKIAEXAMPLE", "secret-key", "s3cr3t-value",
                "session-token", "tok3n-value"));
        assertThat(s.toString()).doesNotContain("s3cr3t-value").doesNotContain("tok3n-value").doesNotContain("AKIAEXAMPLE");
    }

    @Test
    void the_part_size_grows_so_that_no_upload_needs_more_than_10000_parts() {
        S3Settings s = settings(Map.of("bucket", "b"));
        assertThat(MultipartUpload.partSize(s, 64L << 20)).isEqualTo(8L << 20);
        long huge = 200L << 30; // 200 GiB
        long part = MultipartUpload.partSize(s, huge);
        assertThat((huge + part - 1) / part).isLessThanOrEqualTo(10_000);
        assertThat(part % (1 << 20)).isZero();
    }

    @Test
    void an_upload_keeps_fewer_parts_in_flight_when_their_buffers_would_take_over_a_quarter_of_the_heap() {
        long part = 8L << 20;
        assertThat(MultipartUpload.inFlight(4, part, 1L << 30)).isEqualTo(4);
        assertThat(MultipartUpload.inFlight(4, part, 64L << 20)).isEqualTo(2);
        assertThat(MultipartUpload.inFlight(4, part, 16L << 20)).isEqualTo(1);
        assertThat(MultipartUpload.inFlight(4, 512L << 20, 64L << 20)).isEqualTo(1);
        assertThat(MultipartUpload.inFlight(4, part, Long.MAX_VALUE)).isEqualTo(4);
    }

    @Test
    void public_urls_are_virtual_hosted_path_style_or_under_the_cdn() {
        try (S3Driver aws = new S3Driver(DiskConfig.of("d", "s3", Map.of("bucket", "pics", "region", "eu-west-1",
                "prefix", "p", "access-key", "a", "secret-key", "s")))) {
            assertThat(aws.publicUrl("a b/c.png")).hasToString("https://pics.s3.eu-west-1.amazonaws.com/p/a%20b/c.png");
        }
        try (S3Driver path = new S3Driver(DiskConfig.of("d", "s3", Map.of("bucket", "pics", "path-style", "true",
                "endpoint", "http://127.0.0.1:9000", "access-key", "a", "secret-key", "s")))) {
            assertThat(path.publicUrl("c.png")).hasToString("http://127.0.0.1:9000/pics/c.png");
        }
        try (S3Driver cdn = new S3Driver(DiskConfig.of("d", "s3", Map.of("bucket", "pics", "prefix", "p",
                "cdn-url", "https://cdn.example.com/", "access-key", "a", "secret-key", "s")))) {
            assertThat(cdn.publicUrl("c.png")).hasToString("https://cdn.example.com/p/c.png");
        }
    }
}
