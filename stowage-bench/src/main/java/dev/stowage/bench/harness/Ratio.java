package dev.stowage.bench.harness;

/**
 * Stowage's throughput over one baseline's, per measured round: the median with min and max, the
 * target it must reach, and each side's median operations per second.
 */
public record Ratio(String baseline, Baseline.Kind kind, double target, double median, double min, double max,
        double stowageOpsPerSec, double baselineOpsPerSec) {

    /** Whether the median reaches the target. */
    public boolean met() {
        return median >= target;
    }

    /** Whether the median fell below half the target: what the CI smoke run fails on. */
    public boolean collapsed() {
        return median < target / 2;
    }
}
