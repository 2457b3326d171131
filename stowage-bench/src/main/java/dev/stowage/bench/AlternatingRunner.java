package dev.stowage.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Runs two contenders on the same workload, after a time-boxed warm-up, and reports the median
 * (with min and max) of the per-round throughput ratio {@code subject / baseline}. The two run
 * whole rounds in turn (alternating which goes first) or, if built with {@code byOperation},
 * interleaved operation by operation inside each round (subject, baseline, baseline, subject, ...:
 * whoever goes first alternates), each operation timed on its own, so a burst of load from other
 * processes hits both alike. On a noisy shared machine the
 * ratio of neighbouring operations is far steadier than absolute times.
 */
public final class AlternatingRunner {
    private final long warmupMillis;
    private final int rounds;
    private final int opsPerRound;
    private final boolean byOperation;

    /**
     * @param warmupMillis how long to warm up both contenders (alternating) before measuring
     * @param rounds measured rounds
     * @param opsPerRound operations per contender per round
     */
    public AlternatingRunner(long warmupMillis, int rounds, int opsPerRound) {
        this(warmupMillis, rounds, opsPerRound, false);
    }

    /**
     * @param byOperation interleave the contenders operation by operation instead of round by round
     */
    public AlternatingRunner(long warmupMillis, int rounds, int opsPerRound, boolean byOperation) {
        this.warmupMillis = warmupMillis;
        this.rounds = rounds;
        this.opsPerRound = opsPerRound;
        this.byOperation = byOperation;
    }

    /** The outcome of one workload. */
    public record Result(String workload, String subject, String baseline, double median, double min, double max,
            double subjectOpsPerSec, double baselineOpsPerSec) {

        /** A Markdown table row. */
        public String markdownRow() {
            return String.format(Locale.ROOT, "| %s | %s | %s | %.2f | %.2f | %.2f | %.0f | %.0f |", workload, subject,
                    baseline, median, min, max, subjectOpsPerSec, baselineOpsPerSec);
        }
    }

    /** Header matching {@link Result#markdownRow()}. */
    public static String markdownHeader() {
        return "| workload | subject | baseline | median ratio | min | max | subject ops/s | baseline ops/s |\n"
                + "|---|---|---|---|---|---|---|---|";
    }

    /** Measures {@code subject} against {@code baseline}. */
    public Result compare(String workload, Contender subject, Contender baseline) throws Exception {
        int counter = 0;
        long warmEnd = System.nanoTime() + warmupMillis * 1_000_000;
        while (System.nanoTime() < warmEnd) {
            counter = runRound(subject, counter);
            counter = runRound(baseline, counter);
        }
        double[] ratios = new double[rounds];
        List<Double> subjectRates = new ArrayList<>();
        List<Double> baselineRates = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            long s = 0;
            long b = 0;
            if (byOperation) {
                for (int i = 0; i < opsPerRound; i++, counter++) {
                    if ((i + r) % 2 == 0) {
                        s += timeOne(subject, counter);
                        b += timeOne(baseline, counter);
                    } else {
                        b += timeOne(baseline, counter);
                        s += timeOne(subject, counter);
                    }
                }
            } else if (r % 2 == 0) {
                s = timeRound(subject, counter);
                counter += opsPerRound;
                b = timeRound(baseline, counter);
            } else {
                b = timeRound(baseline, counter);
                counter += opsPerRound;
                s = timeRound(subject, counter);
            }
            if (!byOperation) {
                counter += opsPerRound;
            }
            ratios[r] = (double) b / s;
            subjectRates.add(opsPerRound * 1e9 / s);
            baselineRates.add(opsPerRound * 1e9 / b);
        }
        double[] sorted = ratios.clone();
        Arrays.sort(sorted);
        return new Result(workload, subject.name(), baseline.name(), median(sorted), sorted[0],
                sorted[sorted.length - 1], median(subjectRates), median(baselineRates));
    }

    private int runRound(Contender c, int counter) throws Exception {
        for (int i = 0; i < opsPerRound; i++) {
            c.run(counter + i);
        }
        return counter + opsPerRound;
    }

    private static long timeOne(Contender c, int i) throws Exception {
        long start = System.nanoTime();
        c.run(i);
        return System.nanoTime() - start;
    }

    private long timeRound(Contender c, int counter) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < opsPerRound; i++) {
            c.run(counter + i);
        }
        return System.nanoTime() - start;
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double median(List<Double> values) {
        return median(values.stream().mapToDouble(Double::doubleValue).sorted().toArray());
    }
}
