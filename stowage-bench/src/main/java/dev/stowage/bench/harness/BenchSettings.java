package dev.stowage.bench.harness;

import java.nio.file.Path;

/**
 * How long and how hard a run measures. {@code quick} is the CI smoke run: small workloads only,
 * a short warm-up, few rounds (it catches collapses, not percents).
 *
 * @param warmupMillis warm-up per workload, all contenders taking turns
 * @param rounds measured rounds per workload (a workload may ask for fewer)
 * @param quick the smoke run: suites leave out their heavy workloads
 * @param workDir where suites may create files (fresh per run)
 */
public record BenchSettings(long warmupMillis, int rounds, boolean quick, Path workDir) {

    public BenchSettings {
        if (warmupMillis < 0 || rounds < 1 || workDir == null) {
            throw new IllegalArgumentException("bad settings: warm-up " + warmupMillis + " ms, " + rounds + " rounds");
        }
    }

    /** The full run: 15 s warm-up (the AWS SDK needs 15-20 s of JIT on 2 cores), 9 rounds. */
    public static BenchSettings full(Path workDir) {
        return new BenchSettings(15_000, 9, false, workDir);
    }

    /** The CI smoke run. */
    public static BenchSettings quick(Path workDir) {
        return new BenchSettings(1_500, 3, true, workDir);
    }
}
