package dev.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExitCodesTest {
    @TempDir
    Path dir;

    Cli cli;

    @BeforeEach
    void open() {
        cli = new Cli(dir);
    }

    @AfterEach
    void close() {
        cli.close();
    }

    @Test
    void version_and_help_exit_with_zero() {
        Cli.Result version = cli.run("--version");
        Cli.Result help = cli.run("--help");
        Cli.Result putHelp = cli.run("put", "--help");

        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("stowage ").contains("Java ");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("put", "get", "cat", "ls", "stat", "rm", "cp", "mv", "url", "sign")
                .contains("Exit codes: 0 ok, 1 failure, 2 usage, 3 configuration");
        assertThat(putHelp.out()).contains("--if-none-match", "--meta", "--content-type");
    }

    @Test
    void no_command_prints_the_usage_and_exits_with_2() {
        Cli.Result none = cli.run();

        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).startsWith("Usage: stowage");
    }

    @Test
    void an_unknown_command_or_option_or_a_missing_argument_exits_with_2() {
        Cli.Result unknown = cli.run("lss");
        Cli.Result option = cli.run("ls", "--bogus");
        Cli.Result missing = cli.run("get");

        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("Did you mean: stowage ls?").contains("Try 'stowage --help'");
        assertThat(option.exitCode()).isEqualTo(2);
        assertThat(option.err()).startsWith("stowage: Unknown option: '--bogus'").contains("Try 'stowage ls --help'");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).startsWith("stowage: Missing required parameter: 'KEY'");
    }

    @Test
    void an_invalid_key_is_a_usage_error_naming_the_rule() {
        Cli.Result r = cli.run("cat", "memory://x/a//b");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("stowage: ").contains("'a//b'").contains("invalid key");
        assertThat(r.err().lines()).hasSize(1);
    }

    @Test
    void an_unknown_driver_or_disk_name_is_a_configuration_error() {
        Cli.Result scheme = cli.run("ls", "nosuch://bucket/x");
        Cli.Result disk = cli.run("cat", "elsewhere:key");

        assertThat(scheme.exitCode()).isEqualTo(3);
        assertThat(scheme.err()).startsWith("stowage: ").contains("unknown driver 'nosuch'").contains("memory");
        assertThat(disk.exitCode()).isEqualTo(3);
        assertThat(disk.err()).isEqualTo("stowage: unknown disk 'elsewhere' in 'elsewhere:key' (known disks: local); "
                + "for a key containing ':' on the default disk write local:elsewhere:key\n");
    }
}
