package dev.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LocationsTest {
    private final Path dir = Path.of("/work/dir");
    private final Locations locations = new Locations(new EmbeddedDisks(dir), dir);

    @Test
    void a_plain_key_is_on_the_default_local_disk_under_storage() {
        Location.ObjectRef ref = locations.object("docs/readme.md");

        assertThat(ref.key()).isEqualTo("docs/readme.md");
        assertThat(ref.disk().spec()).isEqualTo("file:///work/dir/storage");
        assertThat(ref.disk()).isEqualTo(locations.object("local:docs/readme.md").disk());
    }

    @Test
    void the_default_disk_in_the_current_directory_is_local_dot_slash_storage() {
        Path cwd = Path.of("").toAbsolutePath();
        assertThat(new EmbeddedDisks(cwd).defaultDisk().spec()).isEqualTo("local:./storage");
    }

    @Test
    void a_named_disk_takes_everything_after_the_first_colon_as_the_key() {
        assertThat(locations.object("local:a:b").key()).isEqualTo("a:b");
        assertThat(locations.object("2024-01-01T10:00.log").key()).isEqualTo("2024-01-01T10:00.log");
    }

    @Test
    void in_a_uri_the_authority_is_the_disk_and_the_path_the_key() {
        Location.ObjectRef ref = locations.object("s3://bucket/photos/2024/a.jpg?region=eu-west-1");

        assertThat(ref.disk().spec()).isEqualTo("s3://bucket?region=eu-west-1");
        assertThat(ref.key()).isEqualTo("photos/2024/a.jpg");
        assertThat(locations.object("memory://m").key()).isEmpty();
        assertThat(locations.object("memory://m/").key()).isEmpty();
        assertThat(locations.object("MEMORY://m/k").disk().spec()).isEqualTo("memory://m");
    }

    @Test
    void uri_keys_are_percent_decoded_as_utf8() {
        assertThat(locations.object("memory://m/a%20b/%C3%A9t%C3%A9.txt").key()).isEqualTo("a b/été.txt");
        assertThat(locations.object("memory://m/plain+plus").key()).isEqualTo("plain+plus");
        assertThatThrownBy(() -> locations.object("memory://m/bad%2"))
                .isInstanceOf(CliException.class).hasMessageContaining("malformed percent escape");
    }

    @Test
    void a_hash_separates_disk_and_key_literally_and_is_required_for_file_uris() {
        Location.ObjectRef file = locations.object("file:///srv/data#reports/q1%20.csv");
        assertThat(file.disk().spec()).isEqualTo("file:///srv/data");
        assertThat(file.key()).isEqualTo("reports/q1%20.csv");

        Location.ObjectRef bare = locations.object("file:///srv/data/reports/q1.csv");
        assertThat(bare.key()).isEmpty();
        assertThatThrownBy(() -> Locations.requireKey(bare))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("separate the disk root from the key with '#'");

        Location.ObjectRef s3 = locations.object("s3://bucket?endpoint=http://127.0.0.1:9000#a/b");
        assertThat(s3.disk().spec()).isEqualTo("s3://bucket?endpoint=http://127.0.0.1:9000");
        assertThat(s3.key()).isEqualTo("a/b");
    }

    @Test
    void secret_settings_are_masked_wherever_a_location_is_shown() {
        Location.ObjectRef ref = locations.object("s3://b/k?access-key=AK&secret-key=SHHH&region=x");

        assertThat(ref.shown()).isEqualTo("s3://b/k?access-key=AK&secret-key=****&region=x");
        assertThat(ref.disk().display()).isEqualTo("s3://b?access-key=AK&secret-key=****&region=x");
        assertThat(ref.disk().spec()).contains("SHHH");
        assertThat(ref.disk().toString()).doesNotContain("SHHH");
    }

    @Test
    void cp_arguments_are_local_files_only_when_written_as_paths() {
        assertThat(locations.parse("./a.txt")).isInstanceOf(Location.LocalFile.class);
        assertThat(locations.parse("../a.txt")).isInstanceOf(Location.LocalFile.class);
        assertThat(locations.parse("/tmp/a.txt")).isInstanceOf(Location.LocalFile.class);
        assertThat(locations.parse("-")).isInstanceOf(Location.LocalFile.class);
        assertThat(((Location.LocalFile) locations.parse("-")).isStdio()).isTrue();
        assertThat(locations.parse("a.txt")).isInstanceOf(Location.ObjectRef.class);
        assertThat(locations.parse("memory://m/a")).isInstanceOf(Location.ObjectRef.class);
        assertThat(((Location.LocalFile) locations.parse("./x/../a.txt")).path()).isEqualTo(dir.resolve("a.txt"));
    }

    @Test
    void an_unknown_disk_name_is_a_configuration_error() {
        assertThatThrownBy(() -> locations.object("uploads:avatars/1.png"))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("unknown disk 'uploads'")
                .satisfies(e -> assertThat(((CliException) e).exitCode()).isEqualTo(ExitCodes.CONFIGURATION));
    }

    @Test
    void a_uri_without_a_disk_name_is_a_usage_error() {
        assertThatThrownBy(() -> locations.object("s3:///key"))
                .isInstanceOf(CliException.class).hasMessageContaining("names no disk");
    }
}
