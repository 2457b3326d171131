package dev.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Disks from --config, ./stowage.properties and the environment; disks, doctor and configuration errors. */
class ConfiguredDisksTest {
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
    void disks_from_stowage_properties_are_named_in_locations() throws Exception {
        Files.writeString(dir.resolve("stowage.properties"), """
                stowage.default=files
                stowage.disks.files.driver=local
                stowage.disks.files.root=data
                stowage.disks.other.driver=local
                stowage.disks.other.root=more
                """);
        Files.writeString(dir.resolve("a.txt"), "hello");

        Cli.Result put = cli.run("put", "a.txt", "x/a.txt");
        Cli.Result cp = cli.run("cp", "files:x/a.txt", "other:y/a.txt");
        Cli.Result cat = cli.run("cat", "other:y/a.txt");

        assertThat(put.exitCode()).as(put.toString()).isZero();
        assertThat(cp.exitCode()).as(cp.toString()).isZero();
        assertThat(cat.out()).isEqualTo("hello");
        assertThat(dir.resolve("data/x/a.txt")).hasContent("hello");
        assertThat(dir.resolve("more/y/a.txt")).hasContent("hello");
    }

    @Test
    void the_config_option_and_the_environment_add_disks() throws Exception {
        Files.writeString(dir.resolve("my.properties"), "stowage.disks.mem.driver=memory\n");
        cli.environment(Map.of("STOWAGE_DISKS_ENVDISK_DRIVER", "local", "STOWAGE_DISKS_ENVDISK_ROOT", "envroot",
                "STOWAGE_DEFAULT", "envdisk"));

        Cli.Result disks = cli.run("--config", "my.properties", "disks");
        Cli.Result put = cli.run("put", "-", "k.txt");

        assertThat(disks.exitCode()).as(disks.toString()).isZero();
        assertThat(disks.out()).contains("mem ").contains("memory").contains("envdisk*").contains("local");
        assertThat(put.exitCode()).as(put.toString()).isZero();
        assertThat(dir.resolve("envroot/k.txt")).exists();
    }

    @Test
    void disks_masks_secret_settings() throws Exception {
        Files.writeString(dir.resolve("stowage.properties"), """
                stowage.disks.s.driver=memory
                stowage.disks.s.signing-secret=very-secret-value
                """);

        Cli.Result disks = cli.run("disks");

        assertThat(disks.out()).contains("signing-secret=****").doesNotContain("very-secret-value");
    }

    @Test
    void a_configuration_problem_exits_3_with_the_managers_message() throws Exception {
        Files.writeString(dir.resolve("stowage.properties"), """
                stowage.disks.bad.driver=nosuchdriver
                """);

        Cli.Result ls = cli.run("ls", "bad:");
        Cli.Result missing = cli.run("--config", "nope.properties", "ls");

        assertThat(ls.exitCode()).as(ls.toString()).isEqualTo(3);
        assertThat(ls.err()).contains("bad").contains("nosuchdriver");
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err()).contains("nope.properties");
    }

    @Test
    void doctor_checks_every_disk_and_fails_on_a_broken_one() throws Exception {
        Files.writeString(dir.resolve("stowage.properties"), """
                stowage.default=good
                stowage.disks.good.driver=local
                stowage.disks.good.root=good
                stowage.disks.mem.driver=memory
                stowage.disks.broken.driver=s3
                stowage.disks.broken.bucket=b
                stowage.disks.broken.endpoint=http://127.0.0.1:1
                stowage.disks.broken.region=us-east-1
                stowage.disks.broken.access-key=a
                stowage.disks.broken.secret-key=secret-key-value
                """);

        Cli.Result healthy = cli.run("doctor", "good", "mem");
        Cli.Result all = cli.run("doctor");

        assertThat(healthy.exitCode()).as(healthy.toString()).isZero();
        assertThat(healthy.out()).containsPattern("good\\s+local\\s+ok\\s+ok\\s+ok\\s+ok\\s+ok");
        assertThat(healthy.out()).containsPattern("mem\\s+memory\\s+ok\\s+ok\\s+ok\\s+ok\\s+ok");
        assertThat(all.exitCode()).as(all.toString()).isEqualTo(1);
        assertThat(all.out()).contains("FAIL").doesNotContain("secret-key-value");
        try (var files = Files.walk(dir.resolve("good"))) {
            assertThat(files.filter(Files::isRegularFile).filter(p -> p.toString().contains("stowage-doctor")))
                    .isEmpty();
        }
    }
}
