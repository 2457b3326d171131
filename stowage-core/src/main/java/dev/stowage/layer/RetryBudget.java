package dev.stowage.layer;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * A token bucket limiting retries per disk: each retry takes a token, tokens come back at a fixed
 * rate. When the provider is down every call fails, the bucket empties, and calls then fail after
 * one attempt instead of multiplying the load on a provider that cannot answer.
 */
final class RetryBudget {
    private final double capacity;
    private final double perNano;
    private final LongSupplier nanoTime;
    private final ReentrantLock lock = new ReentrantLock();
    private double tokens;
    private long last;

    RetryBudget(int capacity, double perSecond, LongSupplier nanoTime) {
        this.capacity = capacity;
        this.perNano = perSecond / 1e9;
        this.nanoTime = nanoTime;
        this.tokens = capacity;
        this.last = nanoTime.getAsLong();
    }

    /** Takes one token if there is one. */
    boolean tryAcquire() {
        lock.lock();
        try {
            long now = nanoTime.getAsLong();
            tokens = Math.min(capacity, tokens + (now - last) * perNano);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Tokens available now (for tests and diagnostics). */
    double available() {
        lock.lock();
        try {
            return Math.min(capacity, tokens + (nanoTime.getAsLong() - last) * perNano);
        } finally {
            lock.unlock();
        }
    }
}
