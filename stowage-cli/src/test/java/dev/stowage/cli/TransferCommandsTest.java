package dev.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.Content;
import dev.stowage.PutOptions;
import dev.stowage.Storage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cp -r, sync, migrate, check, ls --json, rm -r and completion, run in-process. */
class TransferCommandsTest {
    @TempDir
    Path dir;

    Cli cli;

    @BeforeEach
    void open() throws Exception {
        cli = new Cli(dir);
        Path photos = dir.resolve("photos");
        Files.createDirectories(photos.resolve("2024/summer"));
        Files.writeString(photos.resolve("a.txt"), "alpha");
        Files.writeString(photos.resolve("2024/b.txt"), "bravo");
        Files.writeString(photos.resolve("2024/summer/ünï cødé.txt"), "charlie");
        Files.write(photos.resolve("empty"), new byte[0]);
    }

    @AfterEach
    void close() {
        cli.close();
    }

    @Test
    void cp_r_copies_a_local_folder_to_a_prefix_and_back() throws Exception {
        Cli.Result up = cli.run("cp", "-r", "./photos", "memory://t/backup/");
        Cli.Result again = cli.run("cp", "-r", "./photos", "memory://t/backup/");
        Cli.Result down = cli.run("cp", "-r", "memory://t/backup/", "./restored");

        assertThat(up.exitCode()).as(up.toString()).isZero();
        assertThat(up.out()).startsWith("copy: 4 objects considered").contains("4 copied (17 bytes)");
        assertThat(again.out()).contains("0 copied").contains("4 skipped");
        assertThat(down.exitCode()).as(down.toString()).isZero();
        assertThat(dir.resolve("restored/2024/summer/ünï cødé.txt")).hasContent("charlie");
        assertThat(dir.resolve("restored/empty")).isEmptyFile();
    }

    @Test
    void cp_r_dry_run_reports_and_copies_nothing() {
        Cli.Result dry = cli.run("cp", "-r", "--dry-run", "./photos", "memory://d/");

        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        assertThat(dry.out()).contains("would copy: a.txt (missing on the target)").contains("(dry run)");
        assertThat(cli.storage("memory://d").list("").count()).isZero();
    }

    @Test
    void sync_with_delete_removes_extras_and_check_is_clean_afterwards() throws Exception {
        Storage target = cli.storage("memory://s");
        target.put("mirror/stale.txt", Content.of("old".getBytes(StandardCharsets.UTF_8)));

        Cli.Result keep = cli.run("sync", "./photos", "memory://s/mirror");
        boolean keptWithoutDelete = target.exists("mirror/stale.txt");
        Cli.Result differs = cli.run("check", "./photos", "memory://s/mirror/");
        Cli.Result sync = cli.run("sync", "--delete", "./photos", "memory://s/mirror");
        Cli.Result clean = cli.run("check", "--json", "./photos", "memory://s/mirror/");

        assertThat(keep.exitCode()).as(keep.toString()).isZero();
        assertThat(keptWithoutDelete).isTrue();
        assertThat(differs.exitCode()).isEqualTo(1);
        assertThat(differs.out()).contains("extra: stale.txt");
        assertThat(sync.out()).contains("1 deleted");
        assertThat(target.exists("mirror/stale.txt")).isFalse();
        assertThat(clean.exitCode()).as(clean.toString()).isZero();
        assertThat(clean.out()).startsWith("{\"mode\":\"check\"").contains("\"ok\":true").contains("\"differences\":[]");
    }

    @Test
    void check_with_checksum_finds_a_same_size_change() throws Exception {
        cli.run("cp", "-r", "./photos", "memory://c/");
        cli.storage("memory://c").put("a.txt", Content.of("ALPHA".getBytes(StandardCharsets.UTF_8)));

        Cli.Result check = cli.run("check", "--checksum", "./photos", "memory://c/");

        assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
        assertThat(check.out()).contains("different: a.txt");
    }

    @Test
    void migrate_moves_everything_and_leaves_the_source_empty() {
        Storage source = cli.storage("memory://m1");
        for (int i = 0; i < 20; i++) {
            source.put("in/" + i + ".txt", Content.of(("object " + i).getBytes(StandardCharsets.UTF_8)),
                    PutOptions.builder().metadata(Map.of("n", "" + i)).build());
        }

        Cli.Result dry = cli.run("migrate", "--dry-run", "memory://m1/in/", "memory://m2/out/");
        Cli.Result run = cli.run("migrate", "-P", "4", "--json", "memory://m1/in/", "memory://m2/out/");

        assertThat(dry.out()).contains("would delete: 0.txt");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("\"objectsCopied\":20").contains("\"objectsDeleted\":20");
        assertThat(source.list("in/").count()).isZero();
        assertThat(cli.storage("memory://m2").stat("out/7.txt").metadata()).containsEntry("n", "7");
    }

    @Test
    void quiet_transfers_print_nothing() {
        Cli.Result quiet = cli.run("-q", "sync", "./photos", "memory://q/");

        assertThat(quiet.exitCode()).isZero();
        assertThat(quiet.out()).isEmpty();
    }

    @Test
    void ls_json_prints_one_object_per_line() {
        cli.run("cp", "-r", "./photos", "memory://j/p/");

        Cli.Result ls = cli.run("ls", "--json", "memory://j/p/");
        Cli.Result all = cli.run("ls", "-R", "--json", "memory://j/p/");

        assertThat(ls.out().lines()).contains("{\"prefix\":\"p/2024/\"}");
        assertThat(ls.out()).contains("{\"key\":\"p/a.txt\",\"size\":5,");
        assertThat(all.out().lines()).hasSize(4).allMatch(l -> l.startsWith("{\"key\":"));
    }

    @Test
    void rm_r_deletes_a_prefix_without_asking_when_stdin_is_not_a_terminal() {
        cli.run("cp", "-r", "./photos", "memory://r/p/");
        cli.storage("memory://r").put("keep.txt", Content.of(new byte[] {1}));

        Cli.Result dry = cli.run("rm", "-r", "--dry-run", "memory://r/p/");
        Cli.Result rm = cli.run("rm", "-r", "memory://r/p");
        Cli.Result whole = cli.run("rm", "-r", "memory://r");

        assertThat(dry.out()).contains("would delete r:p/a.txt").contains("would delete 4 object(s)");
        assertThat(rm.exitCode()).as(rm.toString()).isZero();
        assertThat(rm.out()).contains("deleted 4 object(s) under r:p/");
        assertThat(whole.exitCode()).isEqualTo(2);
        assertThat(cli.storage("memory://r").exists("keep.txt")).isTrue();
    }

    @Test
    void completion_prints_a_bash_script_naming_the_commands() {
        Cli.Result bash = cli.run("completion", "bash");
        Cli.Result zsh = cli.run("completion", "zsh");
        Cli.Result fish = cli.run("completion", "fish");

        assertThat(bash.exitCode()).isZero();
        assertThat(bash.out()).contains("complete -F").contains("sync").contains("migrate").contains("doctor");
        assertThat(zsh.out()).contains("bashcompinit");
        assertThat(fish.exitCode()).isEqualTo(2);
    }

    @Test
    void usage_errors_exit_2() {
        assertThat(cli.run("sync", "./photos").exitCode()).isEqualTo(2);
        assertThat(cli.run("sync", "--checksum", "--size-only", "./photos", "memory://u/").exitCode()).isEqualTo(2);
        assertThat(cli.run("cp", "--dry-run", "./photos/a.txt", "memory://u/a").exitCode()).isEqualTo(2);
    }
}
