package dev.stowage.driver.local;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Striped per-key locks that serialise the publishing step of writes, deletes and moves of the
 * same key inside one process. Stripes are {@link ReentrantLock}s (never {@code synchronized}), so
 * virtual threads waiting on them do not pin their carrier. Only the short publishing step (checks,
 * sidecar, rename) runs under a lock: streaming the bytes to a temp file happens outside it.
 */
final class KeyLocks {
    private static final int STRIPES = 1024;

    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    KeyLocks() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /** Locks the stripe of {@code key}; the caller unlocks what it gets. */
    ReentrantLock lock(String key) {
        ReentrantLock lock = stripes[index(key)];
        lock.lock();
        return lock;
    }

    /** Locks the stripes of two keys in a fixed order (no deadlock); release with {@link #unlock(Pair)}. */
    Pair lock(String a, String b) {
        int i = index(a);
        int j = index(b);
        ReentrantLock first = stripes[Math.min(i, j)];
        ReentrantLock second = i == j ? null : stripes[Math.max(i, j)];
        first.lock();
        if (second != null) {
            second.lock();
        }
        return new Pair(first, second);
    }

    void unlock(Pair pair) {
        if (pair.second() != null) {
            pair.second().unlock();
        }
        pair.first().unlock();
    }

    /** Two held stripes ({@code second} is {@code null} when both keys share a stripe). */
    record Pair(ReentrantLock first, ReentrantLock second) {
    }

    private static int index(String key) {
        int h = key.hashCode();
        h ^= h >>> 16;
        return h & (STRIPES - 1);
    }
}
