package dev.stowage.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The training run from which the {@code ./stowage} launcher makes its startup archive (JDK 25's AOT
 * cache, or an AppCDS archive): runs the everyday commands in one JVM, so that their classes, and
 * what the JVM learns while linking them, are recorded once and mapped by every later run.
 * {@code Training DIR} works inside DIR: put, get, cat, ls, stat and rm of a 4 KiB object on the
 * default local disk and on S3 (answered by {@link TrainingS3} on 127.0.0.1). Prints nothing; exits 1
 * if a command failed (the archive is still usable, only less complete).
 */
public final class Training {
    private Training() {
    }

    public static void main(String[] args) throws Exception {
        StowageCli.startupSettings();
        List<String> failed = train(Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath());
        if (!failed.isEmpty()) {
            System.err.println("stowage training: failed: " + String.join("; ", failed));
            System.exit(1);
        }
    }

    /** Runs the training commands inside {@code dir}; returns the commands that failed. */
    static List<String> train(Path dir) throws Exception {
        Files.createDirectories(dir);
        Path file = dir.resolve("training.bin");
        byte[] bytes = new byte[4096];
        new Random(1).nextBytes(bytes);
        Files.write(file, bytes);
        List<String> failed = new ArrayList<>();
        try (TrainingS3 s3 = TrainingS3.start()) {
            String s3Disk = "s3://training/%s?endpoint=" + s3.endpoint() + "&region=us-east-1&path-style=true"
                    + "&access-key=training&secret-key=training-secret&max-attempts=1";
            for (String key : List.of("training/obj.bin", s3Disk.formatted("training/obj.bin"))) {
                String prefix = key.replace("obj.bin", "");
                run(dir, failed, "put", file.toString(), key);
                run(dir, failed, "put", "-q", file.toString(), key);
                run(dir, failed, "get", key, dir.resolve("got.bin").toString());
                run(dir, failed, "get", "-q", key, dir.resolve("got.bin").toString());
                run(dir, failed, "cat", key);
                run(dir, failed, "stat", key);
                run(dir, failed, "ls", "-l", prefix);
                run(dir, failed, "rm", key);
            }
        }
        return failed;
    }

    private static void run(Path dir, List<String> failed, String... args) {
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        Disks disks = new Disks();
        ConfiguredDisks configured = new ConfiguredDisks(dir, Map.of());
        try {
            int code = StowageCli.execute(new CliContext(InputStream.nullInputStream(), sink, sink, dir, disks,
                    configured), args);
            if (code != 0) {
                failed.add(String.join(" ", args).replaceAll("\\?.*", "") + " (exit " + code + ")");
            }
        } finally {
            configured.close();
            disks.close();
        }
    }
}
