package dev.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transfers in a separate JVM: one killed with SIGKILL mid-way and run again copies only what is
 * left; a 1 GiB object copied with a 128 MiB heap.
 */
class TransferProcessTest {
    private static final Pattern COPIED = Pattern.compile("\"objectsCopied\":(\\d+)");
    private static final Pattern SKIPPED = Pattern.compile("\"objectsSkipped\":(\\d+)");

    @TempDir
    Path dir;

    private ProcessBuilder java(List<String> jvmOptions, String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(dir.toFile());
    }

    @Test
    void a_transfer_killed_mid_way_and_run_again_copies_only_what_is_left() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src"));
        int total = 600;
        byte[] body = new byte[128 * 1024];
        Random random = new Random(7);
        for (int i = 0; i < total; i++) {
            random.nextBytes(body);
            Path f = src.resolve(String.format("d%02d/f%04d.bin", i % 10, i));
            Files.createDirectories(f.getParent());
            Files.write(f, body);
        }
        Process first = java(List.of("-XX:+UseSerialGC"), StowageCli.class.getName(), "cp", "-r", "-P", "1",
                "--verify", "download", "--json", "./src", "./dst")
                .redirectOutput(dir.resolve("first.out").toFile()).redirectError(dir.resolve("first.err").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (countObjects(dir.resolve("dst")) < total / 5 && first.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(first.isAlive()).as("the first run must still be running when killed: "
                + Files.readString(dir.resolve("first.err"))).isTrue();
        first.destroyForcibly();   // SIGKILL: no shutdown hook, no cleanup
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        long before;
        try (Cli cli = new Cli(dir)) {
            before = Long.parseLong(cli.run("ls", "-R", "--json", dir.resolve("dst").toUri().toString()).out()
                    .lines().count() + "");
            Cli.Result second = cli.run("cp", "-r", "--json", "./src", "./dst");

            assertThat(second.exitCode()).as(second.toString()).isZero();
            long copied = number(COPIED, second.out());
            long skipped = number(SKIPPED, second.out());
            assertThat(before).isBetween(1L, (long) total - 1);
            assertThat(skipped).isEqualTo(before);
            assertThat(copied).isEqualTo(total - before);
            Cli.Result check = cli.run("check", "--checksum", "./src", "./dst");
            assertThat(check.exitCode()).as(check.toString()).isZero();
        }
    }

    @Test
    void copying_a_1_GiB_object_runs_in_a_128_MiB_heap() throws Exception {
        Path big = Files.createDirectories(dir.resolve("big")).resolve("one-gib.bin");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(1L << 30);   // sparse: costs no disk until copied
            f.seek((1L << 30) - 16);
            f.write("the end of 1 GiB".getBytes(StandardCharsets.US_ASCII));
        }
        Process p = java(List.of("-Xmx128m", "-XX:+UseSerialGC"), HeapProbe.class.getName(), "cp", "-r", "--json",
                "./big", "./copy").redirectOutput(dir.resolve("probe.out").toFile())
                .redirectError(dir.resolve("probe.err").toFile()).start();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(dir.resolve("probe.err"));
        String out = Files.readString(dir.resolve("probe.out"));
        System.out.println("1 GiB local -> local with -Xmx128m: " + err.strip() + " " + out.strip());

        assertThat(p.exitValue()).as(err + out).isZero();
        assertThat(out).contains("\"objectsCopied\":1").contains("\"bytesCopied\":1073741824");
        assertThat(Files.size(dir.resolve("copy/one-gib.bin"))).isEqualTo(1L << 30);
        Matcher peak = Pattern.compile("peakHeapBytes=(\\d+)").matcher(err);
        assertThat(peak.find()).isTrue();
        assertThat(Long.parseLong(peak.group(1))).isLessThan(128L << 20);
    }

    private static long number(Pattern p, String text) {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            throw new AssertionError("no " + p + " in " + text);
        }
        return Long.parseLong(m.group(1));
    }

    private static long countObjects(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.getFileName().toString().startsWith("f") && f.toString().endsWith(".bin")
                    && Files.isRegularFile(f)).count();
        } catch (java.io.UncheckedIOException e) {
            return 0;   // a temp file vanished while walking
        }
    }
}
