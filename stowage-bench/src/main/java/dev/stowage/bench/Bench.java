package dev.stowage.bench;

import dev.stowage.bench.harness.BenchSettings;
import dev.stowage.bench.harness.Ratio;
import dev.stowage.bench.harness.WarmBench;
import dev.stowage.bench.harness.WorkloadResult;
import dev.stowage.bench.suites.LocalSuite;
import dev.stowage.bench.resources.ResourcesBench;
import dev.stowage.bench.suites.GcsSuite;
import dev.stowage.bench.suites.AzureSuite;
import dev.stowage.bench.suites.MemorySuite;
import dev.stowage.bench.suites.S3Suite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark harness's entry point, started by
 * {@code ./mvnw -q -pl stowage-bench -am package -DskipTests exec:exec -Dbench="warm all"}:
 * <ul>
 * <li>{@code warm <driver,...|all> [--quick]}: every workload against OpenDAL and the raw path;
 * a full run rewrites docs/benchmarks.md's sections, docs/benchmarks/warm.tsv and the chart;
 * {@code --quick} (the CI smoke run) only prints, and exits 1 if a ratio collapsed below half its target (or half its last full-run figure where that was already lower: {@link dev.stowage.bench.harness.CollapseFloor}).</li>
 * <li>{@code jmh [JMH args]}: the JMH micro-benchmarks ({@code LayerCostBenchmark}: Stowage's own cost per call).</li>
 * <li>{@code chart}: redraws docs/benchmarks.png and the summary table from docs/benchmarks/warm.tsv.</li>
 * <li>{@code s3-download}: ranged vs single-stream 256 MiB download on s3proxy.</li>
 * <li>{@code resources <driver,...|all> [--quick]}: 1 GiB streamed through {@code -Xmx64m} and 10,000
 * concurrent async puts on at most 64 platform threads, each in a forked JVM; a full run rewrites
 * docs/benchmarks.md's {@code resources} section.</li>
 * <li>{@code cold [--quick]}: whole-process times of {@code stowage put}/{@code get} against a hello-world JVM
 * ({@link ColdBench}); a full run rewrites docs/benchmarks.md's {@code cold} section.</li>
 * </ul>
 */
public final class Bench {
    private interface Main {
        void run(String[] args) throws Exception;
    }

    /** The suites by driver name, in the order {@code all} runs them. */
    public static final Map<String, WarmBench.SuiteFactory> SUITES = new LinkedHashMap<>();

    static {
        SUITES.put("local", LocalSuite::new);
        SUITES.put("memory", settings -> new MemorySuite());
        SUITES.put("s3", S3Suite::new);
        SUITES.put("azure", AzureSuite::open);
        SUITES.put("gcs", GcsSuite::new);
    }

    private static final Map<String, Main> LEGACY = Map.of(
            "s3-download", S3DownloadBench::main);

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args.length == 1 && args[0].contains(" ")) {
            args = args[0].trim().split("\\s+"); // -Dbench="warm all" arrives as one argument
        }
        if (args.length >= 1 && args[0].equals("jmh")) {
            // JMH micro-benchmarks (what Stowage's own layers cost); extra arguments go to JMH
            String[] jmh = args.length > 1 ? Arrays.copyOfRange(args, 1, args.length)
                    : new String[] {"LayerCostBenchmark"};
            org.openjdk.jmh.Main.main(jmh);
            return;
        }
        if (args.length >= 1 && args[0].equals("chart")) {
            // redraws docs/benchmarks.png from docs/benchmarks/warm.tsv (e.g. after editing the chart code)
            Path docs = Path.of(System.getProperty("docs", "../docs")).toAbsolutePath().normalize();
            var rows = dev.stowage.bench.harness.ResultsFile.read(docs.resolve("benchmarks").resolve("warm.tsv"));
            dev.stowage.bench.harness.Chart.draw(rows, docs.resolve("benchmarks.png"));
            dev.stowage.bench.harness.MarkdownSections.replace(docs.resolve("benchmarks.md"), "summary",
                    dev.stowage.bench.harness.Summary.markdown(rows));
            return;
        }
        if (args.length >= 1 && args[0].equals("warm")) {
            System.exit(warm(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length >= 1 && args[0].equals("resources")) {
            System.exit(ResourcesBench.main(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length >= 1 && args[0].equals("cold")) {
            ColdBench.main(Arrays.copyOfRange(args, 1, args.length));
            System.exit(0);
        }
        if (args.length == 0 || !LEGACY.containsKey(args[0])) {
            System.err.println("usage: Bench warm <" + String.join(",", SUITES.keySet()) + "|all> [--quick] | Bench cold [--quick]");
            System.exit(2);
        }
        LEGACY.get(args[0]).run(Arrays.copyOfRange(args, 1, args.length));
    }

    private static int warm(String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("--quick");
        String which = Arrays.stream(args).filter(a -> !a.startsWith("--")).findFirst().orElse("all");
        List<WarmBench.SuiteFactory> factories = new ArrayList<>();
        for (String d : which.equals("all") ? List.copyOf(SUITES.keySet()) : List.of(which.split(","))) {
            WarmBench.SuiteFactory f = SUITES.get(d);
            if (f == null) {
                System.err.println("no suite " + d + "; known: " + SUITES.keySet());
                return 2;
            }
            factories.add(f);
        }
        Path work = Files.createTempDirectory(Path.of(System.getProperty("bench.dir", "target")).toAbsolutePath(), "warm-");
        BenchSettings settings = quick ? BenchSettings.quick(work) : BenchSettings.full(work);
        settings = new BenchSettings(Long.getLong("warmup.ms", settings.warmupMillis()),
                Integer.getInteger("rounds", settings.rounds()), quick, work);
        Path docs = quick ? null : Path.of(System.getProperty("docs", "../docs")).toAbsolutePath().normalize();
        String command = "./mvnw -q -pl stowage-bench -am package -DskipTests exec:exec -Dbench=\"warm " + which + "\""
                + (System.getProperty("bench.skip", "").isBlank() ? ""
                        : " -Dbench.jvmFlag=-Dbench.skip=" + System.getProperty("bench.skip"));
        List<WorkloadResult> results = WarmBench.run(factories, settings, docs, command);
        return collapsed(results) || !WarmBench.failures().isEmpty() ? 1 : 0;
    }

    /** Whether a ratio fell below half its target (and says which). */
    public static boolean collapsed(List<WorkloadResult> results) {
        boolean any = false;
        for (WorkloadResult r : results) {
            for (Ratio x : r.ratios()) {
                if (WarmBench.floor().collapsed(r.driver(), r.workload(), x)) {
                    System.out.println("COLLAPSE: " + r.driver() + " " + r.workload() + " vs " + x.baseline() + ": "
                            + x.median() + " < " + WarmBench.floor().floor(r.driver(), r.workload(), x));
                    any = true;
                }
            }
        }
        return any;
    }
}
