package dev.stowage.bench.harness;

import java.util.List;

/** What the harness measured for one workload of one driver. */
public record WorkloadResult(String driver, String workload, String stowage, List<Ratio> ratios,
        List<WarmupPoint> warmup, int rounds, long warmupMillis) {

    public WorkloadResult {
        ratios = List.copyOf(ratios);
        warmup = List.copyOf(warmup);
    }

    /** The ratio against OpenDAL, if OpenDAL was a contender. */
    public java.util.Optional<Ratio> vsOpendal() {
        return ratios.stream().filter(r -> r.kind() == Baseline.Kind.OPENDAL).findFirst();
    }
}
