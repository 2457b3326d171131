package dev.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plain keys go to the embedded default disk: local, rooted at ./storage in the working directory. */
class DefaultDiskTest {
    @TempDir
    Path dir;

    Cli cli;

    @BeforeEach
    void open() throws Exception {
        cli = new Cli(dir);
        Files.writeString(dir.resolve("README.md"), "# readme\n");
    }

    @AfterEach
    void close() {
        cli.close();
    }

    @Test
    void plain_keys_live_under_storage_in_the_working_directory() {
        Cli.Result put = cli.run("put", "README.md", "docs/readme.md");
        Cli.Result ls = cli.run("ls", "docs/");
        Cli.Result named = cli.run("cat", "local:docs/readme.md");

        assertThat(put.exitCode()).as(put.toString()).isZero();
        assertThat(put.out()).isEqualTo("README.md -> local:docs/readme.md (9 bytes, text/markdown; charset=utf-8)\n");
        assertThat(ls.out()).isEqualTo("docs/readme.md\n");
        assertThat(named.out()).isEqualTo("# readme\n");
        assertThat(dir.resolve("storage")).isDirectory();
    }

    @Test
    void a_file_uri_with_a_hash_names_another_local_root() {
        Path other = dir.resolve("other");
        String location = other.toUri() + "#a/b.md";

        Cli.Result put = cli.run("put", "README.md", location);
        Cli.Result ls = cli.run("ls", "-R", other.toUri().toString());

        assertThat(put.exitCode()).as(put.toString()).isZero();
        assertThat(ls.out()).isEqualTo("a/b.md\n");
        assertThat(cli.run("ls", "-R").out()).isEmpty();
    }

    @Test
    void cp_between_the_default_disk_and_memory_streams_through() {
        cli.run("put", "README.md", "r.md");

        Cli.Result there = cli.run("cp", "r.md", "memory://scratch/r.md");
        Cli.Result back = cli.run("mv", "memory://scratch/r.md", "copy/r.md");

        assertThat(there.exitCode()).as(there.toString()).isZero();
        assertThat(back.exitCode()).as(back.toString()).isZero();
        assertThat(cli.run("ls", "-R").out()).isEqualTo("copy/r.md\nr.md\n");
        assertThat(cli.storage("memory://scratch").exists("r.md")).isFalse();
    }

    @Test
    void get_of_a_missing_key_names_the_local_disk() {
        Cli.Result get = cli.run("get", "docs/missing.md");

        assertThat(get.exitCode()).isEqualTo(1);
        assertThat(get.err()).isEqualTo("stowage: read of 'docs/missing.md' on disk 'local' failed: object not found\n");
    }

    @Test
    void sign_on_a_local_disk_works_with_a_signing_secret_and_fails_in_one_line_without() {
        String secret = "0123456789abcdef0123456789abcdef";
        String root = dir.resolve("signed").toUri().toString();
        cli.run("put", "README.md", root + "#r.md");

        Cli.Result withSecret = cli.run("sign", root + "?signing-secret=" + secret + "#r.md", "--expires", "5m");
        Cli.Result without = cli.run("sign", root + "#r.md");

        assertThat(withSecret.exitCode()).as(withSecret.toString()).isZero();
        assertThat(withSecret.out()).startsWith("http").contains("r.md").doesNotContain(secret);
        assertThat(without.exitCode()).isNotZero();
        assertThat(without.err()).startsWith("stowage: signed URL of 'r.md' on disk 'local' failed: ");
        assertThat(without.err().lines()).hasSize(1);
    }
}
