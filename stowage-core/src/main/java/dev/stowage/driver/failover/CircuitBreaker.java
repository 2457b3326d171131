package dev.stowage.driver.failover;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * A circuit breaker for one member of a failover disk. Closed: calls pass, consecutive
 * "unavailable" failures are counted; at {@code failureThreshold} it opens. Open: calls are refused
 * at once (no timeout per call) for {@code openDuration}; then half-open: exactly one call probes
 * the member, closing the circuit if it succeeds and opening it again if it fails.
 */
public final class CircuitBreaker {

    /** The breaker's state. */
    public enum State { CLOSED, OPEN, HALF_OPEN }

    private record Snapshot(State state, long openedAt) {
    }

    private final int failureThreshold;
    private final long openNanos;
    private final LongSupplier nanoTime;
    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>(new Snapshot(State.CLOSED, 0));
    private final AtomicInteger failures = new AtomicInteger();

    /** A breaker opening after {@code failureThreshold} consecutive failures, for {@code openDuration}. */
    public CircuitBreaker(int failureThreshold, Duration openDuration) {
        this(failureThreshold, openDuration, System::nanoTime);
    }

    CircuitBreaker(int failureThreshold, Duration openDuration, LongSupplier nanoTime) {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failure-threshold must be >= 1: " + failureThreshold);
        }
        this.failureThreshold = failureThreshold;
        this.openNanos = openDuration.toNanos();
        this.nanoTime = nanoTime;
    }

    /** The current state (an open circuit whose wait is over reports OPEN until a call probes it). */
    public State state() {
        return snapshot.get().state();
    }

    /** Whether a call may go to the member now; in half-open state only the one probe is allowed. */
    public boolean allow() {
        while (true) {
            Snapshot s = snapshot.get();
            switch (s.state()) {
                case CLOSED:
                    return true;
                case HALF_OPEN:
                    return false;
                default:
                    if (nanoTime.getAsLong() - s.openedAt() < openNanos) {
                        return false;
                    }
                    if (snapshot.compareAndSet(s, new Snapshot(State.HALF_OPEN, s.openedAt()))) {
                        return true;
                    }
            }
        }
    }

    /** The member answered (any answer but "unavailable"). */
    public void onSuccess() {
        failures.set(0);
        Snapshot s = snapshot.get();
        if (s.state() != State.CLOSED) {
            snapshot.compareAndSet(s, new Snapshot(State.CLOSED, 0));
        }
    }

    /** The member was unavailable. */
    public void onFailure() {
        Snapshot s = snapshot.get();
        if (s.state() == State.HALF_OPEN || failures.incrementAndGet() >= failureThreshold) {
            snapshot.set(new Snapshot(State.OPEN, nanoTime.getAsLong()));
            failures.set(0);
        }
    }

    /** Milliseconds until an open circuit lets a probe through (0 when not open). */
    long millisUntilProbe() {
        Snapshot s = snapshot.get();
        if (s.state() != State.OPEN) {
            return 0;
        }
        return Math.max(0, (openNanos - (nanoTime.getAsLong() - s.openedAt())) / 1_000_000);
    }
}
