package dev.stowage.bench.resources;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a probe's {@code main} in a JVM of its own (this JVM's {@code java} and class path, the
 * given flags) and collects what it reports: each line {@code RESULT k=v<TAB>k=v...} becomes one
 * map. The whole output goes to a log file, whose tail is kept for failures.
 */
final class ForkedJvm {
    static final String RESULT = "RESULT ";

    /** What the probe reported, its exit code and the last lines of its output. */
    record Outcome(int exitCode, List<Map<String, String>> results, String tail, Path log) {
        boolean ok() {
            return exitCode == 0;
        }

        /** The first result whose {@code phase} is {@code phase}, or {@code null}. */
        Map<String, String> phase(String phase) {
            return results.stream().filter(r -> phase.equals(r.get("phase"))).findFirst().orElse(null);
        }
    }

    private ForkedJvm() {
    }

    static Outcome run(List<String> flags, Class<?> main, List<String> args, Path log, Duration timeout)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(flags);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(args);
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            return new Outcome(-1, List.of(), "timed out after " + timeout.toSeconds() + " s\n" + tail(log), log);
        }
        List<Map<String, String>> results = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.startsWith(RESULT)) {
                results.add(parse(line.substring(RESULT.length())));
            }
        }
        return new Outcome(p.exitValue(), results, tail(log), log);
    }

    /** Formats one result line. */
    static String line(Map<String, ?> values) {
        StringBuilder b = new StringBuilder(RESULT);
        values.forEach((k, v) -> b.append(k).append('=').append(String.valueOf(v).replace('\t', ' ')
                .replace('\n', ' ')).append('\t'));
        return b.toString().stripTrailing();
    }

    /** A failure in one short line: the innermost cause's type and the first line of its message. */
    static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage()).strip().lines().findFirst().orElse("");
        if (message.length() > 160) {
            message = message.substring(0, 160) + "...";
        }
        return root.getClass().getSimpleName() + ": " + message;
    }

    private static Map<String, String> parse(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String field : text.split("\t")) {
            int eq = field.indexOf('=');
            if (eq > 0) {
                m.put(field.substring(0, eq), field.substring(eq + 1));
            }
        }
        return m;
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "";
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }
}
