package dev.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.Content;
import dev.stowage.Storage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LsStatRmTest {
    @TempDir
    Path dir;

    Cli cli;
    String disk;

    @BeforeEach
    void open() throws Exception {
        cli = new Cli(dir);
        disk = "memory://t" + UUID.randomUUID().toString().substring(0, 8);
        Files.writeString(dir.resolve("f.txt"), "12345");
    }

    @AfterEach
    void close() {
        cli.close();
    }

    private void put(String... keys) {
        for (String key : keys) {
            Cli.Result r = cli.run("-q", "put", "f.txt", disk + "/" + key);
            assertThat(r.exitCode()).as(r.toString()).isZero();
        }
    }

    @Test
    void ls_shows_one_level_with_folders_by_default_and_everything_with_R() {
        put("a.txt", "docs/one.md", "docs/sub/two.md", "z.txt");

        assertThat(cli.run("ls", disk).out()).isEqualTo("a.txt\ndocs/\nz.txt\n");
        assertThat(cli.run("ls", disk + "/docs/").out()).isEqualTo("docs/one.md\ndocs/sub/\n");
        assertThat(cli.run("ls", "-R", disk).out()).isEqualTo("a.txt\ndocs/one.md\ndocs/sub/two.md\nz.txt\n");
        assertThat(cli.run("ls", "-R", disk + "/docs/s").out()).isEqualTo("docs/sub/two.md\n");
    }

    @Test
    void ls_of_a_folder_name_without_slash_lists_its_contents() {
        put("docs/one.md", "docs/two.md", "docsy.txt");

        assertThat(cli.run("ls", disk + "/docs").out()).isEqualTo("docs/\ndocsy.txt\n");
        put("only/x.md");
        assertThat(cli.run("ls", disk + "/only").out()).isEqualTo("only/x.md\n");
    }

    @Test
    void ls_long_form_shows_size_date_and_type() {
        put("a.txt", "docs/one.md");

        Cli.Result ls = cli.run("ls", "-l", disk);

        assertThat(ls.exitCode()).isZero();
        assertThat(ls.out().lines()).hasSize(2);
        assertThat(ls.out().lines().findFirst().orElseThrow())
                .matches(" +5  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d  text/plain; charset=utf-8 +a\\.txt");
        assertThat(ls.out().lines().skip(1).findFirst().orElseThrow()).matches(" +-  - +folder +docs/");
    }

    @Test
    void ls_fetches_every_page() {
        // More than one page of 1000: written straight through the disk the CLI has open.
        String[] keys = IntStream.range(0, 1205).mapToObj(i -> String.format("p/%05d", i)).toArray(String[]::new);
        Storage storage = cli.storage(disk);
        for (String key : keys) {
            storage.put(key, Content.of("x"));
        }

        Cli.Result flat = cli.run("ls", "-R", disk + "/p/");
        Cli.Result folders = cli.run("ls", disk + "/p/");

        assertThat(flat.out().lines().toList()).containsExactly(keys);
        assertThat(folders.out().lines().toList()).containsExactly(keys);
    }

    @Test
    void ls_of_an_empty_prefix_prints_nothing_and_succeeds() {
        Cli.Result ls = cli.run("ls", disk + "/nothing/");
        assertThat(ls.exitCode()).isZero();
        assertThat(ls.out()).isEmpty();
    }

    @Test
    void stat_of_a_missing_object_fails_with_exit_code_1() {
        Cli.Result stat = cli.run("stat", disk + "/nope");
        assertThat(stat.exitCode()).isEqualTo(1);
        assertThat(stat.err()).endsWith("failed: object not found\n").startsWith("stowage: stat of 'nope' on disk ");
    }

    @Test
    void rm_deletes_every_key_and_reports_missing_ones_without_stopping() {
        put("a", "b", "c");

        Cli.Result rm = cli.run("rm", disk + "/a", disk + "/missing", disk + "/c");

        assertThat(rm.exitCode()).isEqualTo(1);
        assertThat(rm.err()).matches("stowage: delete of 'missing' on disk 't[0-9a-f]{8}' failed: object not found\n");
        assertThat(rm.out()).contains("deleted ").contains(":a\n").contains(":c\n");
        assertThat(cli.run("ls", "-R", disk).out()).isEqualTo("b\n");
    }

    @Test
    void rm_force_ignores_missing_objects() {
        put("a");

        Cli.Result rm = cli.run("rm", "-f", disk + "/a", disk + "/missing");

        assertThat(rm.exitCode()).isZero();
        assertThat(rm.err()).isEmpty();
        assertThat(cli.run("ls", disk).out()).isEmpty();
    }

    @Test
    void rm_checks_every_argument_before_deleting_anything() {
        put("a");

        Cli.Result rm = cli.run("rm", disk + "/a", disk + "/folder/");

        assertThat(rm.exitCode()).isEqualTo(2);
        assertThat(cli.run("ls", disk).out()).isEqualTo("a\n");
    }
}
