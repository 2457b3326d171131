package dev.stowage.bench.harness;

import dev.stowage.bench.Contender;

/**
 * What Stowage is measured against in a workload, and the throughput ratio (Stowage / baseline)
 * it must reach: 1.0 against OpenDAL, 0.95 against the raw SDK, 0.9 against raw NIO at equal
 * durability (issue 10's targets).
 */
public record Baseline(Contender contender, Kind kind, double target) {

    /** Which yardstick a baseline is. */
    public enum Kind {
        /** Apache OpenDAL's Java binding: the peer to beat. */
        OPENDAL,
        /** The raw SDK or {@code java.nio} path Stowage is built on: the floor. */
        RAW
    }

    public Baseline {
        if (contender == null || kind == null || !(target > 0)) {
            throw new IllegalArgumentException("a baseline needs a contender, a kind and a positive target");
        }
    }

    /** OpenDAL doing the same thing: Stowage must be at least as fast (ratio ≥ 1.0). */
    public static Baseline opendal(Contender contender) {
        return new Baseline(contender, Kind.OPENDAL, 1.0);
    }

    /** The raw SDK doing the same thing: Stowage's layers may cost at most 5% (ratio ≥ 0.95). */
    public static Baseline raw(Contender contender) {
        return new Baseline(contender, Kind.RAW, 0.95);
    }

    /** Raw {@code java.nio} at equal durability: ratio ≥ 0.9. */
    public static Baseline nio(Contender contender) {
        return new Baseline(contender, Kind.RAW, 0.9);
    }

    /** A baseline with a target of its own (say why where it is built). */
    public static Baseline of(Contender contender, Kind kind, double target) {
        return new Baseline(contender, kind, target);
    }
}
