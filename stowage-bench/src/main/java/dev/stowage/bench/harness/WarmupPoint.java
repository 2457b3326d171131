package dev.stowage.bench.harness;

/** One contender's throughput during one slice of the warm-up: the JIT's progress, for the curve. */
public record WarmupPoint(String contender, double secondsIn, double opsPerSec) {
}
