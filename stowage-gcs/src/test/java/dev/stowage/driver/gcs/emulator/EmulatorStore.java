package dev.stowage.driver.gcs.emulator;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * Buckets and their live objects, ordered by the UTF-8 bytes of their names. Every change of an
 * object name happens under the bucket's lock, so a precondition and the write it guards are one
 * atomic step, as on GCS.
 */
final class EmulatorStore {

    /** One bucket: its objects in name order and the lock that serializes conditional changes. */
    static final class Bucket {
        final String name;
        final Instant created;
        final ConcurrentSkipListMap<String, EmulatedObject> objects =
                new ConcurrentSkipListMap<>(EmulatorStore::compareNames);
        final ReentrantLock lock = new ReentrantLock();

        Bucket(String name, Instant created) {
            this.name = name;
            this.created = created;
        }
    }

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong generations;
    final Clock clock;

    EmulatorStore(Clock clock) {
        this.clock = clock;
        // GCS generations are microsecond timestamps; keep them increasing.
        this.generations = new AtomicLong(clock.millis() * 1000);
    }

    long nextGeneration() {
        return generations.incrementAndGet();
    }

    Instant now() {
        return clock.instant();
    }

    boolean createBucket(String name) {
        return buckets.putIfAbsent(name, new Bucket(name, now())) == null;
    }

    Bucket bucket(String name) {
        Bucket b = buckets.get(name);
        if (b == null) {
            throw ApiError.bucketNotFound(name);
        }
        return b;
    }

    boolean deleteBucket(String name) {
        Bucket b = bucket(name);
        if (!b.objects.isEmpty()) {
            throw new ApiError(409, "conflict", "The bucket you tried to delete is not empty.");
        }
        return buckets.remove(name) != null;
    }

    EmulatedObject get(String bucket, String name, Long generation) {
        EmulatedObject o = bucket(bucket).objects.get(name);
        if (o == null || (generation != null && o.generation() != generation)) {
            throw ApiError.notFound(bucket + "/" + name + (generation == null ? "" : "#" + generation));
        }
        return o;
    }

    EmulatedObject find(String bucket, String name) {
        return bucket(bucket).objects.get(name);
    }

    /**
     * Atomically checks {@code pre} against the live object and stores a new generation made by
     * {@code make} (which receives the new generation number).
     */
    EmulatedObject commit(String bucket, String name, Preconditions pre, java.util.function.LongFunction<EmulatedObject> make) {
        Bucket b = bucket(bucket);
        b.lock.lock();
        try {
            pre.check(b.objects.get(name), false);
            EmulatedObject created = make.apply(nextGeneration());
            b.objects.put(name, created);
            return created;
        } finally {
            b.lock.unlock();
        }
    }

    /** Atomically changes the live object's metadata (metageneration + 1). */
    EmulatedObject update(String bucket, String name, Long generation, Preconditions pre,
            UnaryOperator<EmulatedObject> change) {
        Bucket b = bucket(bucket);
        b.lock.lock();
        try {
            EmulatedObject current = get(bucket, name, generation);
            pre.check(current, false);
            EmulatedObject updated = change.apply(current);
            b.objects.put(name, updated);
            return updated;
        } finally {
            b.lock.unlock();
        }
    }

    /** Atomically deletes the live object. */
    void delete(String bucket, String name, Long generation, Preconditions pre) {
        Bucket b = bucket(bucket);
        b.lock.lock();
        try {
            EmulatedObject current = get(bucket, name, generation);
            pre.check(current, false);
            b.objects.remove(name);
        } finally {
            b.lock.unlock();
        }
    }

    /** Name order: lexicographic by UTF-8 bytes (code point order), as GCS lists. */
    static int compareNames(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
