package dev.stowage.bench.harness;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the CI smoke run draws the line: a ratio collapses when it falls below half of its target,
 * or, for a workload whose last full run (docs/benchmarks/warm.tsv) already stood below its
 * target, below half of that recorded figure. A known miss is documented, not hidden, and stays
 * guarded: the smoke run then fails if a change gives away half of what is left, instead of
 * failing on every run for a gap everyone knows about.
 */
public final class CollapseFloor {
    private final Map<String, Double> recorded;

    private CollapseFloor(Map<String, Double> recorded) {
        this.recorded = recorded;
    }

    /** Floors from the results file, if there is one. */
    public static CollapseFloor from(Path resultsFile) throws IOException {
        Map<String, Double> recorded = new HashMap<>();
        for (ResultsFile.Row r : ResultsFile.read(resultsFile)) {
            recorded.put(id(r.driver(), r.workload(), r.baseline()), r.median());
        }
        return new CollapseFloor(recorded);
    }

    /** Half the target, or half the recorded median where that is lower. */
    public double floor(String driver, String workload, Ratio ratio) {
        double reference = Math.min(ratio.target(),
                recorded.getOrDefault(id(driver, workload, ratio.baseline()), ratio.target()));
        return reference / 2;
    }

    /** Whether {@code ratio} fell below its floor. */
    public boolean collapsed(String driver, String workload, Ratio ratio) {
        return ratio.median() < floor(driver, workload, ratio);
    }

    private static String id(String driver, String workload, String baseline) {
        return driver + "\t" + workload + "\t" + baseline;
    }
}
