package dev.stowage.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.StorageConfigurationException;
import dev.stowage.spi.DiskConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StowageConfigTest {

    @TempDir
    Path dir;

    private StowageConfig.Builder clean() {
        return StowageConfig.builder().environment(Map.of()).workingDirectory(dir);
    }

    @Test
    void with_no_configuration_at_all_the_default_is_a_local_disk_at_storage() {
        StowageConfig config = clean().build();
        assertThat(config.diskNames()).containsExactly("local");
        assertThat(config.defaultDisk()).isEqualTo("local");
        assertThat(config.disk("local")).contains(DiskConfig.of("local", "local", Map.of("root", "./storage")));
    }

    @Test
    void the_environment_overrides_the_file_and_explicit_settings_override_both() throws Exception {
        Files.writeString(dir.resolve("stowage.properties"), """
                stowage.default=uploads
                stowage.disks.uploads.driver=memory
                stowage.disks.uploads.base-url=http://file
                stowage.disks.uploads.public-url=http://file-public
                stowage.disks.uploads.signing-secret=from-file
                """);
        StowageConfig config = StowageConfig.builder().workingDirectory(dir)
                .environment(Map.of("STOWAGE_DISKS_UPLOADS_BASE_URL", "http://env",
                        "STOWAGE_DISKS_UPLOADS_SIGNING_SECRET", "from-env"))
                .set("stowage.disks.uploads.signing-secret", "explicit").build();
        DiskConfig disk = config.disk("uploads").orElseThrow();
        assertThat(disk.settings()).containsEntry("public-url", "http://file-public")
                .containsEntry("base-url", "http://env").containsEntry("signing-secret", "explicit");
        assertThat(config.sources()).hasSize(3);
    }

    @Test
    void environment_names_map_to_kebab_case_settings_dotted_layer_settings_and_dashed_disk_names() {
        StowageConfig config = clean().environment(Map.of(
                "STOWAGE_DEFAULT", "tenant-a",
                "STOWAGE_DISKS_TENANT__A_DRIVER", "memory",
                "STOWAGE_DISKS_TENANT__A_PREFIX", "tenants/a/",
                "STOWAGE_DISKS_TENANT__A_RETRY_MAX_ATTEMPTS", "4",
                "STOWAGE_DISKS_TENANT__A_TIMEOUT_READ", "2s",
                "STOWAGE_DISKS_S3_PATH_STYLE", "true",
                "STOWAGE_DISKS_FILES_RULES_0", "temp/** -> local",
                "UNRELATED", "x")).build();
        assertThat(config.diskNames()).containsExactly("files", "s3", "tenant-a");
        assertThat(config.defaultDisk()).isEqualTo("tenant-a");
        assertThat(config.disk("tenant-a").orElseThrow().settings()).containsEntry("prefix", "tenants/a/")
                .containsEntry("retry.max-attempts", "4").containsEntry("timeout.read", "2s");
        assertThat(config.disk("s3").orElseThrow().settings()).containsEntry("path-style", "true");
        assertThat(config.disk("files").orElseThrow().settings()).containsEntry("rules[0]", "temp/** -> local");
    }

    @Test
    void values_expand_environment_references_with_defaults_and_escapes() {
        StowageConfig config = clean().environment(Map.of("BUCKET", "b1", "EMPTY", ""))
                .disk("d", "memory", Map.of("a", "${BUCKET}", "b", "x-${MISSING:-fallback}-y", "c", "${EMPTY:-z}",
                        "e", "$${BUCKET}"))
                .build();
        assertThat(config.disk("d").orElseThrow().settings()).containsEntry("a", "b1")
                .containsEntry("b", "x-fallback-y").containsEntry("c", "z").containsEntry("e", "${BUCKET}");
        assertThat(config.problems("d")).isEmpty();
    }

    @Test
    void an_unset_variable_without_default_is_a_problem_that_names_the_variable() {
        StowageConfig config = clean().disk("d", "memory", Map.of("signing-secret", "${NOPE}")).build();
        assertThat(config.problems("d")).singleElement().asString().contains("${NOPE}").contains("signing-secret");
    }

    @Test
    void several_disks_without_a_default_ask_for_stowage_default() {
        StowageConfig config = clean().disk("a", "memory", Map.of()).disk("b", "memory", Map.of()).build();
        assertThatThrownBy(config::defaultDisk).isInstanceOf(StorageConfigurationException.class)
                .hasMessageContaining("stowage.default");
    }

    @Test
    void autodetect_is_off_unless_asked_for() {
        Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", "AKIA", "STOWAGE_S3_BUCKET", "b");
        assertThat(clean().environment(env).build().diskNames()).containsExactly("local");
    }

    @Test
    void autodetect_finds_s3_azure_and_gcs_without_copying_secrets() {
        Map<String, String> env = Map.of("STOWAGE_AUTODETECT", "true", "AWS_ACCESS_KEY_ID", "AKIA",
                "AWS_SECRET_ACCESS_KEY", "very-secret", "AWS_REGION", "eu-west-1", "STOWAGE_S3_BUCKET", "b",
                "AZURE_STORAGE_CONNECTION_STRING", "AccountKey=very-secret", "STOWAGE_AZURE_CONTAINER", "c",
                "GOOGLE_APPLICATION_CREDENTIALS", "/keys/sa.json", "STOWAGE_GCS_BUCKET", "g");
        StowageConfig config = clean().environment(env).build();
        assertThat(config.diskNames()).containsExactly("azure", "gcs", "s3");
        assertThat(config.defaultDisk()).isEqualTo("s3");
        assertThat(config.disk("s3").orElseThrow().settings()).containsEntry("bucket", "b")
                .containsEntry("region", "eu-west-1");
        assertThat(config.properties().values()).noneMatch(v -> v.contains("very-secret"));
        assertThat(config.disk("azure").orElseThrow().settings()).containsEntry("connection-string",
                "AccountKey=very-secret");
        assertThat(config.toString()).doesNotContain("very-secret");
    }

    @Test
    void explicit_disks_win_over_autodetected_ones() {
        StowageConfig config = clean().environment(Map.of("STOWAGE_AUTODETECT", "true", "AWS_PROFILE", "p",
                "STOWAGE_S3_BUCKET", "detected")).set("stowage.disks.s3.bucket", "mine").build();
        assertThat(config.disk("s3").orElseThrow().settings()).containsEntry("bucket", "mine");
    }
}
