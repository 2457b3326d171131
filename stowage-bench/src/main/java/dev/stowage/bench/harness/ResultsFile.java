package dev.stowage.bench.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The warm figures of every driver, one row per workload and baseline, kept in
 * {@code docs/benchmarks/warm.tsv} so that re-running one driver keeps the others' rows and the
 * chart always shows all of them.
 */
public final class ResultsFile {
    private static final String HEADER = "driver\tworkload\tbaseline\tkind\ttarget\tmedian\tmin\tmax\tstowage_ops_s"
            + "\tbaseline_ops_s\tmeasured";

    /** One row. */
    public record Row(String driver, String workload, String baseline, Baseline.Kind kind, double target,
            double median, double min, double max, double stowageOpsPerSec, double baselineOpsPerSec,
            String measured) {

        String line() {
            return String.join("\t", driver, workload, baseline, kind.name(), fmt(target), fmt(median), fmt(min),
                    fmt(max), fmt(stowageOpsPerSec), fmt(baselineOpsPerSec), measured);
        }

        static Row parse(String line) {
            String[] f = line.split("\t", -1);
            return new Row(f[0], f[1], f[2], Baseline.Kind.valueOf(f[3]), Double.parseDouble(f[4]),
                    Double.parseDouble(f[5]), Double.parseDouble(f[6]), Double.parseDouble(f[7]),
                    Double.parseDouble(f[8]), Double.parseDouble(f[9]), f[10]);
        }
    }

    private ResultsFile() {
    }

    /** The rows in {@code file} (none if it does not exist). */
    public static List<Row> read(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        if (!Files.exists(file)) {
            return rows;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !line.startsWith("driver\t")) {
                rows.add(Row.parse(line));
            }
        }
        return rows;
    }

    /** Replaces the rows of the drivers in {@code results} by theirs, keeping the other drivers' rows. */
    public static List<Row> merge(Path file, List<WorkloadResult> results, String measured) throws IOException {
        Set<String> drivers = new java.util.HashSet<>();
        results.forEach(r -> drivers.add(r.driver()));
        List<Row> rows = new ArrayList<>(read(file).stream().filter(r -> !drivers.contains(r.driver())).toList());
        for (WorkloadResult w : results) {
            for (Ratio r : w.ratios()) {
                rows.add(new Row(w.driver(), w.workload(), r.baseline(), r.kind(), r.target(), r.median(), r.min(),
                        r.max(), r.stowageOpsPerSec(), r.baselineOpsPerSec(), measured));
            }
        }
        Files.createDirectories(file.getParent());
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        rows.forEach(r -> lines.add(r.line()));
        Files.write(file, lines, StandardCharsets.UTF_8);
        return rows;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
