package dev.stowage.bench.harness;

import dev.stowage.bench.Machine;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The warm benchmark: opens each driver's suite, measures every workload with the {@link Runner},
 * prints the ratios as it goes and, in a full run, rewrites the driver's section of
 * {@code docs/benchmarks.md}, the results file and the chart.
 */
public final class WarmBench {
    /** Opens a suite (starting whatever server it needs). */
    @FunctionalInterface
    public interface SuiteFactory {
        Suite open(BenchSettings settings) throws Exception;
    }

    private static final List<String> failures = new ArrayList<>();
    private static CollapseFloor floor;

    /** The smoke run's collapse lines of the last {@link #run}. */
    public static CollapseFloor floor() {
        return floor;
    }

    private WarmBench() {
    }

    /** The workloads of the last {@link #run} that failed instead of being measured. */
    public static List<String> failures() {
        return List.copyOf(failures);
    }

    /** Runs the suites and returns every result. {@code docs} null: print only (the smoke run). */
    public static List<WorkloadResult> run(List<SuiteFactory> factories, BenchSettings settings, Path docs,
            String command) throws Exception {
        Runner runner = new Runner(settings);
        Runner firstOfSuite = new Runner(new BenchSettings(Math.max(5_000, settings.warmupMillis()), settings.rounds(),
                settings.quick(), settings.workDir()));
        floor = CollapseFloor.from(Path.of(System.getProperty("docs", "../docs")).resolve("benchmarks").resolve("warm.tsv"));
        Runner retry = new Runner(new BenchSettings(Math.max(5_000, settings.warmupMillis() * 3), settings.rounds() + 2,
                settings.quick(), settings.workDir()));
        List<WorkloadResult> all = new ArrayList<>();
        failures.clear();
        System.out.println(Machine.line());
        System.out.printf(Locale.ROOT, "warm-up %d ms per workload, %d rounds%s%n", settings.warmupMillis(),
                settings.rounds(), settings.quick() ? " (quick smoke run)" : "");
        for (SuiteFactory factory : factories) {
            List<WorkloadResult> results = new ArrayList<>();
            String description;
            String driver;
            try (Suite suite = factory.open(settings)) {
                driver = suite.driver();
                description = suite.description();
                System.out.println("## " + driver + ": " + description);
                boolean first = true;
                for (Workload w : suite.workloads(settings)) {
                    if (skipped(w.name())) {
                        System.out.println("(skipped by -Dbench.skip: " + w.name() + ")");
                        continue;
                    }
                    WorkloadResult r;
                    try {
                        // in a smoke run the suite's first workload warms longer: the JIT work it does
                        // (an SDK's request path) serves the suite's other small workloads too
                        r = (settings.quick() && first ? firstOfSuite : runner).measure(driver, w);
                        first = false;
                    } catch (Exception | OutOfMemoryError e) {
                        // a contender that fails is a finding, not a reason to lose the other figures
                        System.out.println("FAILED: " + driver + " " + w.name() + ": " + e);
                        failures.add(driver + " " + w.name() + ": " + e);
                        continue;
                    }
                    print(r);
                    if (settings.quick() && r.ratios().stream().anyMatch(x -> floor.collapsed(driver, w.name(), x))) {
                        // a smoke run fails only on a collapse that survives a second, longer look:
                        // one burst of load from another process must not block a landing
                        System.out.println("   ... below its collapse line: measuring again with a longer warm-up");
                        r = retry.measure(driver, w);
                        print(r);
                    }
                    results.add(r);
                }
            }
            all.addAll(results);
            if (docs != null) {
                String when = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
                MarkdownSections.replace(docs.resolve("benchmarks.md"), "warm:" + driver,
                        section(driver, description, results, settings, command, when)
                                + failures.stream().filter(f -> f.startsWith(driver + " "))
                                        .map(f -> "\nFailed, not measured: " + f).collect(Collectors.joining()));
                List<ResultsFile.Row> rows = ResultsFile.merge(docs.resolve("benchmarks").resolve("warm.tsv"), results, when);
                Chart.draw(rows, docs.resolve("benchmarks.png"));
                MarkdownSections.replace(docs.resolve("benchmarks.md"), "summary", Summary.markdown(rows));
            }
        }
        return all;
    }

    /**
     * Whether {@code -Dbench.skip} (workload name prefixes separated by {@code |}) leaves this
     * workload out: for a server too slow to run every workload in the time at hand. Unset: none.
     */
    static boolean skipped(String workload) {
        String skip = System.getProperty("bench.skip", "");
        for (String prefix : skip.split("\\|")) {
            if (!prefix.isBlank() && workload.startsWith(prefix.strip())) {
                return true;
            }
        }
        return false;
    }

    private static void print(WorkloadResult r) {
        for (Ratio x : r.ratios()) {
            System.out.printf(Locale.ROOT, "%-8s %-34s vs %-40s %5.2f (min %5.2f, max %5.2f, target %.2f) %s  [%.0f vs %.0f ops/s]%n",
                    r.driver(), r.workload(), x.baseline(), x.median(), x.min(), x.max(), x.target(),
                    x.met() ? "met" : (floor != null ? floor.collapsed(r.driver(), r.workload(), x) : x.collapsed()) ? "COLLAPSED" : "MISSED", x.stowageOpsPerSec(),
                    x.baselineOpsPerSec());
        }
    }

    static String section(String driver, String description, List<WorkloadResult> results, BenchSettings settings,
            String command, String when) {
        StringBuilder b = new StringBuilder();
        b.append("### ").append(driver).append("\n\n").append(description).append("\n\n");
        b.append("Command: `").append(command).append("`\n\n");
        b.append("Measured ").append(when).append(", warm-up ").append(settings.warmupMillis() / 1000)
                .append(" s per workload, ").append(settings.rounds()).append(" rounds (fewer where the row says).\n")
                .append(Machine.line()).append("\n\n");
        b.append("| workload | baseline | target | median | min | max | met | Stowage ops/s | baseline ops/s |\n");
        b.append("|---|---|---|---|---|---|---|---|---|\n");
        for (WorkloadResult r : results) {
            for (Ratio x : r.ratios()) {
                b.append(String.format(Locale.ROOT, "| %s%s | %s | %.2f | **%.2f** | %.2f | %.2f | %s | %s | %s |%n",
                        r.workload(), r.rounds() < settings.rounds() ? " (" + r.rounds() + " rounds)" : "",
                        x.baseline(), x.target(), x.median(), x.min(), x.max(), x.met() ? "yes" : "**no**",
                        rate(x.stowageOpsPerSec()), rate(x.baselineOpsPerSec())));
            }
        }
        b.append("\n<details><summary>Warm-up curves (ops/s per contender, one value per second of warm-up)</summary>\n\n");
        for (WorkloadResult r : results) {
            b.append("- ").append(r.workload()).append(":");
            r.warmup().stream().collect(Collectors.groupingBy(WarmupPoint::contender, java.util.LinkedHashMap::new,
                    Collectors.mapping(p -> rate(p.opsPerSec()), Collectors.joining(", "))))
                    .forEach((c, curve) -> b.append("\n  ").append(c).append(": ").append(curve));
            b.append("\n");
        }
        b.append("\n</details>\n");
        return b.toString();
    }

    private static String rate(double opsPerSec) {
        return opsPerSec >= 100 ? String.format(Locale.ROOT, "%.0f", opsPerSec)
                : String.format(Locale.ROOT, "%.2f", opsPerSec);
    }
}
