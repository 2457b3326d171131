package dev.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.ObjectInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopyMoveTest {
    @TempDir
    Path dir;

    Cli cli;
    String a;
    String b;

    @BeforeEach
    void open() throws Exception {
        cli = new Cli(dir);
        String id = UUID.randomUUID().toString().substring(0, 8);
        a = "memory://a" + id;
        b = "memory://b" + id;
        Files.writeString(dir.resolve("f.txt"), "payload");
    }

    @AfterEach
    void close() {
        cli.close();
    }

    @Test
    void cp_from_a_local_file_to_an_object_and_back() {
        Cli.Result up = cli.run("cp", "./f.txt", a + "/docs/");
        Cli.Result down = cli.run("cp", a + "/docs/f.txt", "./back.txt");

        assertThat(up.exitCode()).as(up.toString()).isZero();
        assertThat(down.exitCode()).as(down.toString()).isZero();
        assertThat(dir.resolve("back.txt")).hasContent("payload");
        assertThat(dir.resolve("f.txt")).exists();
    }

    @Test
    void cp_with_an_absolute_path_and_with_dash_for_the_standard_streams() {
        assertThat(cli.run("cp", dir.resolve("f.txt").toString(), a + "/f.txt").exitCode()).isZero();
        assertThat(cli.run("cp", a + "/f.txt", "-").out()).isEqualTo("payload");
        assertThat(cli.runWithInput("in".getBytes(StandardCharsets.UTF_8), "cp", "-", a + "/in").exitCode()).isZero();
        assertThat(cli.run("cat", a + "/in").out()).isEqualTo("in");
    }

    @Test
    void cp_within_a_disk_keeps_the_source_and_its_metadata() {
        cli.run("put", "f.txt", a + "/src.txt", "--meta", "owner=me");

        Cli.Result cp = cli.run("cp", a + "/src.txt", a + "/dst.txt");

        assertThat(cp.exitCode()).as(cp.toString()).isZero();
        assertThat(cp.out()).endsWith(":src.txt -> a" + a.substring("memory://a".length()) + ":dst.txt (7 bytes)\n");
        assertThat(cli.storage(a).stat("dst.txt").metadata()).containsEntry("owner", "me");
        assertThat(cli.storage(a).exists("src.txt")).isTrue();
    }

    @Test
    void cp_between_disks_streams_and_keeps_type_and_metadata() {
        cli.run("put", "f.txt", a + "/src.txt", "--meta", "owner=me", "--content-type", "text/x-special");

        Cli.Result cp = cli.run("cp", a + "/src.txt", b + "/copied/");

        assertThat(cp.exitCode()).as(cp.toString()).isZero();
        ObjectInfo copied = cli.storage(b).stat("copied/src.txt");
        assertThat(copied.contentType()).isEqualTo("text/x-special");
        assertThat(copied.metadata()).containsEntry("owner", "me");
        assertThat(cli.storage(b).getString("copied/src.txt")).isEqualTo("payload");
    }

    @Test
    void mv_within_a_disk_removes_the_source() {
        cli.run("put", "f.txt", a + "/old.txt");

        assertThat(cli.run("mv", a + "/old.txt", a + "/new.txt").exitCode()).isZero();

        assertThat(cli.storage(a).exists("old.txt")).isFalse();
        assertThat(cli.storage(a).getString("new.txt")).isEqualTo("payload");
    }

    @Test
    void mv_between_disks_removes_the_source_after_the_copy() {
        cli.run("put", "f.txt", a + "/old.txt");

        assertThat(cli.run("mv", a + "/old.txt", b + "/new.txt").exitCode()).isZero();

        assertThat(cli.storage(a).exists("old.txt")).isFalse();
        assertThat(cli.storage(b).getString("new.txt")).isEqualTo("payload");
    }

    @Test
    void mv_from_a_local_file_deletes_the_file_and_mv_to_a_file_deletes_the_object() {
        assertThat(cli.run("mv", "./f.txt", a + "/f.txt").exitCode()).isZero();
        assertThat(dir.resolve("f.txt")).doesNotExist();

        assertThat(cli.run("mv", a + "/f.txt", "./").exitCode()).isZero();
        assertThat(dir.resolve("f.txt")).hasContent("payload");
        assertThat(cli.storage(a).exists("f.txt")).isFalse();
    }

    @Test
    void a_failed_move_keeps_the_source() {
        cli.run("put", "f.txt", a + "/keep.txt");

        Cli.Result mv = cli.run("mv", a + "/keep.txt", b + "/../escape");

        assertThat(mv.exitCode()).isEqualTo(2);
        assertThat(cli.storage(a).exists("keep.txt")).isTrue();
    }

    @Test
    void cp_between_two_local_files_is_a_usage_error() {
        Cli.Result cp = cli.run("cp", "./f.txt", "./g.txt");

        assertThat(cp.exitCode()).isEqualTo(2);
        assertThat(cp.err()).isEqualTo(
                "stowage: cp needs an object on at least one side: './f.txt' and './g.txt' are both local files\n");
    }

    @Test
    void cp_of_a_plain_name_that_is_a_local_file_says_how_to_name_the_file() {
        Cli.Result cp = cli.run("cp", "f.txt", a + "/f.txt");

        assertThat(cp.exitCode()).isEqualTo(1);
        assertThat(cp.err()).startsWith("stowage: ").contains(" of 'f.txt' on disk 'local' failed: object not found")
                .endsWith("(to copy the local file, write ./f.txt)\n");
    }

    @Test
    void cp_of_a_folder_is_refused_until_recursive_copies_exist() {
        Cli.Result cp = cli.run("cp", a + "/docs/", "./out/");

        assertThat(cp.exitCode()).isEqualTo(2);
        assertThat(cp.err()).contains("names a folder, not an object");
    }
}
