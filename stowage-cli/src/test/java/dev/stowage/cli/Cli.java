package dev.stowage.cli;

import dev.stowage.Storage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Runs {@code stowage} command lines in this JVM against a working directory, capturing stdout and
 * stderr. The disks stay open across runs (so {@code memory://} disks keep their objects) until
 * {@link #close()}.
 */
final class Cli implements AutoCloseable {
    private final Path workingDir;
    private final Disks disks = new Disks();

    Cli(Path workingDir) {
        this.workingDir = workingDir;
    }

    /** What one run printed and returned. */
    record Result(int exitCode, byte[] stdout, String err) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out() + "--- stderr\n" + err;
        }
    }

    Result run(String... args) {
        return runWithInput(new byte[0], args);
    }

    private java.util.Map<String, String> environment = java.util.Map.of();

    /** The environment the next runs see (instead of none). */
    Cli environment(java.util.Map<String, String> env) {
        this.environment = env;
        return this;
    }

    Result runWithInput(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, false, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        ConfiguredDisks catalog = new ConfiguredDisks(workingDir, environment);
        CliContext ctx = new CliContext(new ByteArrayInputStream(stdin), outStream, errStream, workingDir, disks,
                catalog);
        int code;
        try {
            code = StowageCli.execute(ctx, args);
        } finally {
            catalog.close();
        }
        outStream.flush();
        return new Result(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    /** The disk the CLI opens for {@code spec} (e.g. {@code memory://t1}), to prepare or check objects directly. */
    Storage storage(String spec) {
        return disks.open(new DiskRef(spec, spec));
    }

    Path workingDir() {
        return workingDir;
    }

    @Override
    public void close() {
        disks.close();
    }
}
