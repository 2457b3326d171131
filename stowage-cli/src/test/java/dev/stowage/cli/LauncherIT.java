package dev.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real {@code ./stowage} launcher as a process, from a temporary working directory (where
 * the default disk's {@code ./storage} is created), the way the README's main-job command does.
 * Runs after {@code package}, so the jar is normally fresh and the launcher does not build; if it
 * must, the generous timeout covers it.
 */
class LauncherIT {
    private static final Path REPO = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize()
            .getParent();
    private static final long TIMEOUT_MINUTES = 5;

    @TempDir
    Path work;

    /**
     * Lets the launcher build the CLI first if it judges the jar stale (a jar left older than the
     * sources by an incremental build), so the tests below see a launcher that only runs commands.
     */
    @BeforeAll
    static void theLauncherIsBuilt(@TempDir Path dir) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(REPO.resolve("stowage").toString(), "--version")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new AssertionError("./stowage --version failed:\n" + Files.readString(dir.resolve("out.txt")));
        }
    }

    record Run(int exitCode, byte[] stdout, String err) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out() + "--- stderr\n" + err;
        }
    }

    private Run stowage(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(REPO.resolve("stowage").toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile(work.getParent(), "out", ".txt");
        Path err = Files.createTempFile(work.getParent(), "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        // The JDK running this test is 21+ (the toolchain chose it): point the launcher at it, so the test
        // does not depend on what else is installed. Discovery without JAVA_HOME is checked by hand.
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("./stowage " + String.join(" ", args) + " did not finish in "
                    + TIMEOUT_MINUTES + " minutes; stderr:\n" + Files.readString(err));
        }
        try {
            return new Run(process.exitValue(), Files.readAllBytes(out), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void the_main_job_puts_a_file_on_the_default_disk_and_lists_it_back() throws Exception {
        Files.writeString(work.resolve("README.md"), "# hello\n");

        Run put = stowage("put", "README.md", "docs/readme.md");
        Run ls = stowage("ls", "-l", "docs/");
        Run cat = stowage("cat", "docs/readme.md");

        assertThat(put.exitCode()).as(put.toString()).isZero();
        assertThat(put.out()).isEqualTo("README.md -> local:docs/readme.md (8 bytes, text/markdown; charset=utf-8)\n");
        assertThat(ls.exitCode()).as(ls.toString()).isZero();
        assertThat(ls.out()).matches(" +8  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d  \\S.* +docs/readme\\.md\n");
        assertThat(cat.out()).isEqualTo("# hello\n");
        assertThat(work.resolve("storage")).isDirectory();
    }

    @Test
    void failures_are_one_line_on_stderr_with_the_documented_exit_codes() throws Exception {
        Run missing = stowage("get", "docs/missing.md");
        Run usage = stowage("lss");
        Run configuration = stowage("ls", "nosuch://bucket/");

        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("stowage: read of 'docs/missing.md' on disk 'local' failed: object not found\n");
        assertThat(missing.out()).isEmpty();
        assertThat(usage.exitCode()).as(usage.toString()).isEqualTo(2);
        assertThat(configuration.exitCode()).as(configuration.toString()).isEqualTo(3);
        assertThat(configuration.err().lines()).hasSize(1);
    }

    @Test
    void cat_writes_exactly_the_objects_bytes_to_stdout_and_quiet_prints_nothing_else() throws Exception {
        byte[] bytes = new byte[300_000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31 + (i >> 8));
        }
        Files.write(work.resolve("blob.bin"), bytes);

        Run put = stowage("-q", "put", "blob.bin", "bin/blob.bin");
        Run cat = stowage("cat", "bin/blob.bin");

        assertThat(put.exitCode()).as(put.toString()).isZero();
        assertThat(put.stdout()).isEmpty();
        assertThat(put.err()).isEmpty();
        assertThat(cat.exitCode()).as(cat.toString()).isZero();
        assertThat(cat.stdout()).isEqualTo(bytes);
        assertThat(cat.err()).isEmpty();
    }

    @Test
    void serve_runs_as_a_real_process_answers_health_and_stops_on_sigterm() throws Exception {
        Path out = work.resolve("serve.out");
        Path err = work.resolve("serve.err");
        ProcessBuilder builder = new ProcessBuilder(REPO.resolve("stowage").toString(), "serve", "--port", "0")
                .directory(work.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        try {
            java.util.regex.Pattern url = java.util.regex.Pattern.compile("on (http://127\\.0\\.0\\.1:\\d+)");
            String base = null;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(TIMEOUT_MINUTES);
            while (base == null && process.isAlive() && System.nanoTime() < deadline) {
                java.util.regex.Matcher m = url.matcher(Files.readString(out));
                if (m.find()) {
                    base = m.group(1);
                } else {
                    Thread.sleep(100);
                }
            }
            assertThat(base).as(Files.readString(err)).isNotNull();
            java.net.http.HttpResponse<String> health = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/health")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"local\"");
            assertThat(work.resolve("storage")).isDirectory();
        } finally {
            process.destroy();   // SIGTERM, as a service manager stops it
        }
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("serve stops on SIGTERM").isTrue();
    }
}
