package dev.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PutGetCatTest {
    @TempDir
    Path dir;

    Cli cli;
    String disk;

    @BeforeEach
    void open() {
        cli = new Cli(dir);
        disk = "memory://t" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void close() {
        cli.close();
    }

    @Test
    void put_stores_a_file_and_get_writes_it_back() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "hello stowage\n");

        Cli.Result put = cli.run("put", "notes.txt", disk + "/docs/notes.txt");
        assertThat(put.exitCode()).as(put.toString()).isZero();
        assertThat(put.out()).contains("notes.txt -> ").contains(":docs/notes.txt (14 bytes, text/plain");

        Cli.Result get = cli.run("get", disk + "/docs/notes.txt", "copy.txt");
        assertThat(get.exitCode()).as(get.toString()).isZero();
        assertThat(dir.resolve("copy.txt")).hasContent("hello stowage");
        assertThat(get.err()).isEmpty();
    }

    @Test
    void put_without_a_key_uses_the_file_name_and_a_key_ending_in_slash_appends_it() throws Exception {
        Files.writeString(dir.resolve("a.txt"), "A");

        assertThat(cli.run("put", "a.txt", disk + "/folder/").exitCode()).isZero();
        assertThat(cli.run("cat", disk + "/folder/a.txt").out()).isEqualTo("A");
    }

    @Test
    void put_reads_standard_input_with_a_dash() {
        Cli.Result put = cli.runWithInput("from stdin".getBytes(StandardCharsets.UTF_8), "put", "-", disk + "/in.txt");
        assertThat(put.exitCode()).as(put.toString()).isZero();
        assertThat(cli.run("cat", disk + "/in.txt").out()).isEqualTo("from stdin");
    }

    @Test
    void put_from_standard_input_needs_a_key() {
        Cli.Result put = cli.runWithInput(new byte[] {1}, "put", "-");
        assertThat(put.exitCode()).isEqualTo(2);
        assertThat(put.err()).isEqualTo("stowage: put - (standard input) needs a KEY to store it under\n");
    }

    @Test
    void put_stores_content_type_metadata_and_tags_that_stat_shows() throws Exception {
        Files.writeString(dir.resolve("data.bin"), "{}");

        Cli.Result put = cli.run("put", "data.bin", disk + "/d.bin", "--content-type", "application/json",
                "--meta", "user=42", "--meta", "origin=cli", "--tag", "team=blue", "--cache-control", "no-cache");
        assertThat(put.exitCode()).as(put.toString()).isZero();

        Cli.Result stat = cli.run("stat", disk + "/d.bin");
        assertThat(stat.exitCode()).as(stat.toString()).isZero();
        assertThat(stat.out())
                .containsPattern("(?m)^key: +d\\.bin$")
                .containsPattern("(?m)^size: +2 bytes$")
                .containsPattern("(?m)^content-type: +application/json$")
                .containsPattern("(?m)^cache-control: +no-cache$")
                .containsPattern("(?m)^metadata\\.origin: +cli$")
                .containsPattern("(?m)^metadata\\.user: +42$")
                .containsPattern("(?m)^tag\\.team: +blue$")
                .containsPattern("(?m)^checksum\\.[a-z0-9]+: +\\S+$")
                .containsPattern("(?m)^last-modified: +\\d{4}-\\d\\d-\\d\\dT");
    }

    @Test
    void put_with_if_none_match_refuses_to_replace_an_existing_object() throws Exception {
        Files.writeString(dir.resolve("x.txt"), "one");
        assertThat(cli.run("put", "--if-none-match", "x.txt", disk + "/x.txt").exitCode()).isZero();

        Files.writeString(dir.resolve("x.txt"), "two");
        Cli.Result again = cli.run("put", "--if-none-match", "x.txt", disk + "/x.txt");

        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).startsWith("stowage: write of 'x.txt' on disk '").doesNotContain("\tat ");
        assertThat(again.err().lines()).hasSize(1);
        assertThat(cli.run("cat", disk + "/x.txt").out()).isEqualTo("one");
    }

    @Test
    void put_of_a_missing_file_or_a_directory_fails_with_one_line() throws Exception {
        Cli.Result missing = cli.run("put", "nope.txt", disk + "/k");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("stowage: local file 'nope.txt': no such file or directory\n");

        Files.createDirectory(dir.resolve("sub"));
        Cli.Result directory = cli.run("put", "sub", disk + "/k");
        assertThat(directory.exitCode()).isEqualTo(2);
        assertThat(directory.err()).isEqualTo("stowage: 'sub' is a directory; give a file\n");
    }

    @Test
    void get_to_dash_writes_the_bytes_to_standard_output() throws Exception {
        byte[] bytes = new byte[70_000];
        new Random(7).nextBytes(bytes);
        Files.write(dir.resolve("r.bin"), bytes);
        cli.run("put", "r.bin", disk + "/r.bin");

        Cli.Result get = cli.run("get", disk + "/r.bin", "-");

        assertThat(get.exitCode()).isZero();
        assertThat(get.stdout()).isEqualTo(bytes);
    }

    @Test
    void get_into_a_directory_uses_the_keys_last_segment_and_creates_missing_parents() throws Exception {
        Files.writeString(dir.resolve("a.txt"), "A");
        cli.run("put", "a.txt", disk + "/deep/down/a.txt");
        Files.createDirectory(dir.resolve("out"));

        assertThat(cli.run("get", disk + "/deep/down/a.txt", "out").exitCode()).isZero();
        assertThat(cli.run("get", disk + "/deep/down/a.txt", "new/dir/").exitCode()).isZero();
        assertThat(cli.run("get", disk + "/deep/down/a.txt").exitCode()).isZero();

        assertThat(dir.resolve("out/a.txt")).hasContent("A");
        assertThat(dir.resolve("new/dir/a.txt")).hasContent("A");
        assertThat(dir.resolve("a.txt")).hasContent("A");
    }

    @Test
    void get_of_a_missing_object_prints_one_line_and_leaves_no_file() throws Exception {
        Cli.Result get = cli.run("get", disk + "/missing.txt", "m.txt");

        assertThat(get.exitCode()).isEqualTo(1);
        assertThat(get.err()).matches("stowage: read of 'missing.txt' on disk 't[0-9a-f]{8}' failed: object not found\n");
        assertThat(dir.resolve("m.txt")).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void debug_adds_the_stack_trace_after_the_error_line() {
        Cli.Result plain = cli.run("cat", disk + "/missing");
        Cli.Result debug = cli.run("cat", "--debug", disk + "/missing");
        Cli.Result debugFirst = cli.run("--debug", "cat", disk + "/missing");

        assertThat(plain.err().lines()).hasSize(1);
        for (Cli.Result r : new Cli.Result[] {debug, debugFirst}) {
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.err().lines().findFirst()).contains(plain.err().strip());
            assertThat(r.err()).contains("dev.stowage.ObjectNotFoundException").contains("\tat ");
        }
    }

    @Test
    void cat_streams_several_objects_and_byte_ranges() throws Exception {
        Files.writeString(dir.resolve("a"), "0123456789");
        Files.writeString(dir.resolve("b"), "abc");
        cli.run("put", "a", disk + "/a");
        cli.run("put", "b", disk + "/b");

        assertThat(cli.run("cat", disk + "/a", disk + "/b").out()).isEqualTo("0123456789abc");
        assertThat(cli.run("cat", "--range", "2-4", disk + "/a").out()).isEqualTo("234");
        assertThat(cli.run("cat", "--range", "7-", disk + "/a").out()).isEqualTo("789");
        assertThat(cli.run("cat", "--range", "-2", disk + "/a").out()).isEqualTo("89");
        Cli.Result bad = cli.run("cat", "--range", "x", disk + "/a");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo("stowage: --range must look like 0-99, 100- or -100, got 'x'\n");
    }

    @Test
    void quiet_suppresses_the_note_but_not_errors() throws Exception {
        Files.writeString(dir.resolve("q.txt"), "q");

        Cli.Result put = cli.run("-q", "put", "q.txt", disk + "/q.txt");
        Cli.Result get = cli.run("get", "--quiet", disk + "/q.txt", "q2.txt");

        assertThat(put.out()).isEmpty();
        assertThat(get.out()).isEmpty();
        assertThat(dir.resolve("q2.txt")).hasContent("q");
    }
}
