package dev.stowage.bench.harness;

import dev.stowage.bench.Contender;
import java.util.List;

/**
 * One thing a user does (put 4 KiB, list 10,000 keys...), done by Stowage and by each baseline.
 * Every contender is handed the same operation numbers, so contenders must keep their keys apart
 * (a prefix each). {@code opsPerRound} operations of each contender make a round; {@code rounds}
 * of 0 means the run's default.
 */
public record Workload(String name, int opsPerRound, int rounds, Contender stowage, List<Baseline> baselines) {

    public Workload {
        if (name == null || name.isBlank() || opsPerRound < 1 || rounds < 0 || stowage == null
                || baselines == null || baselines.isEmpty()) {
            throw new IllegalArgumentException("incomplete workload " + name);
        }
        baselines = List.copyOf(baselines);
    }

    /** A workload with the run's default number of rounds. */
    public static Workload of(String name, int opsPerRound, Contender stowage, Baseline... baselines) {
        return new Workload(name, opsPerRound, 0, stowage, List.of(baselines));
    }

    /** The same workload measured over {@code rounds} rounds whatever the run's default (heavy ones). */
    public Workload withRounds(int rounds) {
        return new Workload(name, opsPerRound, rounds, stowage, baselines);
    }
}
