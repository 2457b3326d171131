package dev.stowage.bench.harness;

import dev.stowage.bench.Contender;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Measures one workload: warms every contender up for a fixed time (taking turns, recording each
 * one's throughput per slice: the warm-up curve), then runs the measured rounds with the
 * contenders interleaved operation by operation, whoever goes first rotating (and the order
 * reversed every other cycle, so no contender always follows the same one), each operation
 * timed on its own. A burst of load from another process then hits every contender alike, and the
 * per-round ratio of neighbouring operations is far steadier than absolute times on a shared
 * machine. Reports, per baseline, the median of the per-round ratios with min and max.
 */
public final class Runner {
    private static final long SLICE_NANOS = 1_000_000_000L;

    private final BenchSettings settings;

    public Runner(BenchSettings settings) {
        this.settings = settings;
    }

    /** Measures {@code workload} of {@code driver}. */
    public WorkloadResult measure(String driver, Workload workload) throws Exception {
        List<Contender> all = new ArrayList<>();
        all.add(workload.stowage());
        workload.baselines().forEach(b -> all.add(b.contender()));
        int n = all.size();
        int ops = workload.opsPerRound();
        int counter = 0;

        List<WarmupPoint> curve = new ArrayList<>();
        long start = System.nanoTime();
        long warmEnd = start + settings.warmupMillis() * 1_000_000;
        long[] sliceNanos = new long[n];
        int[] sliceOps = new int[n];
        long sliceEnd = start + SLICE_NANOS;
        do {
            for (int c = 0; c < n; c++) {
                Contender contender = all.get(c);
                for (int i = 0; i < ops; i++) {
                    sliceNanos[c] += timeOne(contender, counter + i);
                    sliceOps[c]++;
                }
            }
            counter += ops;
            long now = System.nanoTime();
            if (now >= sliceEnd || now >= warmEnd) {
                double at = (now - start) / 1e9;
                for (int c = 0; c < n; c++) {
                    curve.add(new WarmupPoint(all.get(c).name(), at, sliceOps[c] * 1e9 / Math.max(1, sliceNanos[c])));
                    sliceNanos[c] = 0;
                    sliceOps[c] = 0;
                }
                sliceEnd = now + SLICE_NANOS;
            }
        } while (System.nanoTime() < warmEnd);

        int rounds = workload.rounds() > 0 ? Math.min(workload.rounds(), settings.rounds()) : settings.rounds();
        double[][] ratios = new double[n][rounds];
        double[][] rates = new double[n][rounds];
        for (int r = 0; r < rounds; r++) {
            long[] nanos = new long[n];
            for (int i = 0; i < ops; i++, counter++) {
                // who goes first rotates, and every other step the order runs backwards, so that no
                // contender always follows the same neighbour (whose fsync or GC it would inherit)
                boolean backwards = ((i + r) / n) % 2 == 1;
                for (int k = 0; k < n; k++) {
                    int c = backwards ? Math.floorMod(i + r - k, n) : (i + r + k) % n;
                    nanos[c] += timeOne(all.get(c), counter);
                }
            }
            for (int c = 0; c < n; c++) {
                rates[c][r] = ops * 1e9 / nanos[c];
                ratios[c][r] = (double) nanos[c] / nanos[0];
            }
        }
        List<Ratio> result = new ArrayList<>();
        for (int c = 1; c < n; c++) {
            Baseline b = workload.baselines().get(c - 1);
            double[] sorted = ratios[c].clone();
            Arrays.sort(sorted);
            result.add(new Ratio(b.contender().name(), b.kind(), b.target(), median(sorted), sorted[0],
                    sorted[sorted.length - 1], median(rates[0]), median(rates[c])));
        }
        return new WorkloadResult(driver, workload.name(), workload.stowage().name(), result, curve, rounds,
                settings.warmupMillis());
    }

    private static long timeOne(Contender c, int i) throws Exception {
        c.prepare(i);
        long t = System.nanoTime();
        c.run(i);
        return System.nanoTime() - t;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
