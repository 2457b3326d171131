package dev.stowage.layer;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link RetryLayer} retries: at most {@code maxAttempts} attempts in all, waiting a random
 * time between zero and {@code min(maxDelay, baseDelay * 2^(n-1))} before retry {@code n} ("full
 * jitter"), and spending one token of a per-disk budget per retry.
 *
 * @param maxAttempts attempts in all, including the first (1 disables retries)
 * @param baseDelay the backoff cap of the first retry
 * @param maxDelay the largest backoff cap
 * @param budget tokens in the retry budget: retries allowed in a burst
 * @param budgetPerSecond tokens added back per second; a dead provider gets at most this many retries a second
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, int budget, double budgetPerSecond) {

    /** 3 attempts, 100 ms base, 5 s max, a budget of 100 retries refilled at 10 a second. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(5), 100, 10);

    public RetryPolicy {
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("retry max-attempts must be >= 1: " + maxAttempts);
        }
        if (baseDelay.isNegative() || maxDelay.isNegative()) {
            throw new IllegalArgumentException("retry delays must not be negative");
        }
        if (maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("retry max-delay (" + maxDelay + ") is below base-delay (" + baseDelay + ")");
        }
        if (budget < 0 || budgetPerSecond < 0) {
            throw new IllegalArgumentException("retry budget must not be negative");
        }
    }

    /** A copy with another attempt count. */
    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, baseDelay, maxDelay, budget, budgetPerSecond);
    }

    /** A copy with other delays. */
    public RetryPolicy withDelays(Duration base, Duration max) {
        return new RetryPolicy(maxAttempts, base, max, budget, budgetPerSecond);
    }

    /** A copy with another budget. */
    public RetryPolicy withBudget(int tokens, double perSecond) {
        return new RetryPolicy(maxAttempts, baseDelay, maxDelay, tokens, perSecond);
    }

    /** The backoff cap before retry {@code n} (1-based). */
    Duration capFor(int retry) {
        long base = Math.max(1, baseDelay.toNanos());
        int shift = Math.min(retry - 1, 40);
        long cap = base > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : base << shift;
        return Duration.ofNanos(Math.min(cap, maxDelay.toNanos()));
    }
}
