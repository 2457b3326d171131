package dev.stowage.testkit.chaos;

import dev.stowage.ByteRange;
import dev.stowage.Content;
import dev.stowage.ObjectInfo;
import dev.stowage.Operation;
import dev.stowage.Page;
import dev.stowage.StorageUnavailableException;
import dev.stowage.layer.ForwardingDriver;
import dev.stowage.spi.ListQuery;
import dev.stowage.spi.StorageDriver;
import dev.stowage.spi.WriteOptions;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A test layer that misbehaves on purpose, by a seeded schedule: it fails calls as unavailable
 * (before they reach the driver, or after the driver applied them, as when a connection is cut
 * after the commit), delays them, or cuts their bytes mid-stream (a read's stream breaks after some
 * bytes; a write's content breaks while the driver reads it). {@link #down(boolean)} takes the disk
 * down completely until it is brought back.
 *
 * <pre>{@code
 * ChaosLayer chaos = ChaosLayer.builder(42).fail(0.1).failAfterCommit(0.05).cut(0.05)
 *         .delay(0.2, Duration.ofMillis(1), Duration.ofMillis(20)).build(driver);
 * Storage flaky = Stowage.wrap(new RetryLayer(chaos, RetryPolicy.DEFAULT));
 * }</pre>
 *
 * <p>With one calling thread the same seed gives the same faults in the same places; with several
 * threads the faults' rates hold but their order depends on scheduling.
 */
public final class ChaosLayer extends ForwardingDriver {

    /** The kinds of fault injected, counted by {@link #injected(Fault)}. */
    public enum Fault { FAIL, FAIL_AFTER_COMMIT, DELAY, CUT, DOWN }

    private final Random random;
    private final ReentrantLock randomLock = new ReentrantLock();
    private final double failRate;
    private final double failAfterRate;
    private final double delayRate;
    private final Duration minDelay;
    private final Duration maxDelay;
    private final double cutRate;
    private final Set<Operation> operations;
    private final Map<Fault, AtomicInteger> counts = Map.of(Fault.FAIL, new AtomicInteger(),
            Fault.FAIL_AFTER_COMMIT, new AtomicInteger(), Fault.DELAY, new AtomicInteger(), Fault.CUT,
            new AtomicInteger(), Fault.DOWN, new AtomicInteger());
    private volatile boolean down;

    private ChaosLayer(StorageDriver delegate, Builder b) {
        super(delegate);
        this.random = new Random(b.seed);
        this.failRate = b.failRate;
        this.failAfterRate = b.failAfterRate;
        this.delayRate = b.delayRate;
        this.minDelay = b.minDelay;
        this.maxDelay = b.maxDelay;
        this.cutRate = b.cutRate;
        this.operations = b.operations.isEmpty() ? EnumSet.allOf(Operation.class) : EnumSet.copyOf(b.operations);
    }

    /** A builder whose random schedule starts from {@code seed}. */
    public static Builder builder(long seed) {
        return new Builder(seed);
    }

    /** Rates (0 to 1) of each fault, and the operations they apply to. */
    public static final class Builder {
        private final long seed;
        private double failRate;
        private double failAfterRate;
        private double delayRate;
        private Duration minDelay = Duration.ZERO;
        private Duration maxDelay = Duration.ZERO;
        private double cutRate;
        private final Set<Operation> operations = EnumSet.noneOf(Operation.class);

        private Builder(long seed) {
            this.seed = seed;
        }

        /** Fail this share of calls before they reach the driver. */
        public Builder fail(double rate) {
            this.failRate = rate(rate);
            return this;
        }

        /** Fail this share of writes, deletes and copies after the driver applied them. */
        public Builder failAfterCommit(double rate) {
            this.failAfterRate = rate(rate);
            return this;
        }

        /** Delay this share of calls by a random time between {@code min} and {@code max}. */
        public Builder delay(double rate, Duration min, Duration max) {
            if (max.compareTo(min) < 0) {
                throw new IllegalArgumentException("max delay below min delay");
            }
            this.delayRate = rate(rate);
            this.minDelay = min;
            this.maxDelay = max;
            return this;
        }

        /** Break the byte stream of this share of reads and writes part-way. */
        public Builder cut(double rate) {
            this.cutRate = rate(rate);
            return this;
        }

        /** Misbehave only in these operations (default: all). */
        public Builder only(Operation... ops) {
            operations.addAll(List.of(ops));
            return this;
        }

        public ChaosLayer build(StorageDriver driver) {
            return new ChaosLayer(Objects.requireNonNull(driver, "driver"), this);
        }

        private static double rate(double r) {
            if (r < 0 || r > 1) {
                throw new IllegalArgumentException("a rate is between 0 and 1: " + r);
            }
            return r;
        }
    }

    /** Takes the disk down (every call fails as unavailable) or brings it back. */
    public void down(boolean down) {
        this.down = down;
    }

    /** Whether the disk is down. */
    public boolean isDown() {
        return down;
    }

    /** How many faults of a kind were injected so far. */
    public int injected(Fault fault) {
        return counts.get(fault).get();
    }

    private double next() {
        randomLock.lock();
        try {
            return random.nextDouble();
        } finally {
            randomLock.unlock();
        }
    }

    private long nextLong(long bound) {
        randomLock.lock();
        try {
            return bound <= 0 ? 0 : random.nextLong(bound);
        } finally {
            randomLock.unlock();
        }
    }

    private StorageUnavailableException fault(Fault kind, Operation op, String key, String what) {
        counts.get(kind).incrementAndGet();
        return new StorageUnavailableException(disk(), op, key, "chaos: " + what, null);
    }

    /** Runs the schedule's faults around one call. */
    private <T> T around(Operation op, String key, boolean changes, Supplier<T> call) {
        if (down) {
            throw fault(Fault.DOWN, op, key, "disk is down");
        }
        if (!operations.contains(op)) {
            return call.get();
        }
        if (delayRate > 0 && next() < delayRate) {
            counts.get(Fault.DELAY).incrementAndGet();
            long span = maxDelay.toNanos() - minDelay.toNanos();
            long nanos = minDelay.toNanos() + nextLong(span + 1);
            try {
                Thread.sleep(Duration.ofNanos(nanos));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageUnavailableException(disk(), op, key, "chaos: interrupted during a delay", e);
            }
        }
        if (failRate > 0 && next() < failRate) {
            throw fault(Fault.FAIL, op, key, "injected failure");
        }
        T result = call.get();
        if (changes && failAfterRate > 0 && next() < failAfterRate) {
            throw fault(Fault.FAIL_AFTER_COMMIT, op, key, "connection cut after the change was applied");
        }
        return result;
    }

    private boolean cutNow(Operation op) {
        return cutRate > 0 && operations.contains(op) && next() < cutRate;
    }

    @Override
    public ObjectInfo write(String key, Content content, WriteOptions options) {
        Content body = content;
        if (!down && cutNow(Operation.WRITE)) {
            counts.get(Fault.CUT).incrementAndGet();
            long length = content.length();
            long after = nextLong(Math.max(1, length < 0 ? 1024 : length));
            try {
                body = Content.of(new CutStream(content.openStream(), after), length);
            } catch (IOException e) {
                throw new StorageUnavailableException(disk(), Operation.WRITE, key, "chaos: " + e.getMessage(), e);
            }
        }
        Content finalBody = body;
        return around(Operation.WRITE, key, true, () -> delegate.write(key, finalBody, options));
    }

    @Override
    public InputStream read(String key, ByteRange range) {
        InputStream in = around(Operation.READ, key, false, () -> delegate.read(key, range));
        if (cutNow(Operation.READ)) {
            counts.get(Fault.CUT).incrementAndGet();
            return new CutStream(in, nextLong(64 * 1024));
        }
        return in;
    }

    @Override
    public ObjectInfo stat(String key) {
        return around(Operation.STAT, key, false, () -> delegate.stat(key));
    }

    @Override
    public Map<String, String> tags(String key) {
        return around(Operation.TAGS, key, false, () -> delegate.tags(key));
    }

    @Override
    public boolean delete(String key) {
        return around(Operation.DELETE, key, true, () -> delegate.delete(key));
    }

    @Override
    public void deleteMany(List<String> keys) {
        around(Operation.DELETE, keys.isEmpty() ? null : keys.get(0), true, () -> {
            delegate.deleteMany(keys);
            return null;
        });
    }

    @Override
    public Page list(ListQuery query) {
        return around(Operation.LIST, query.prefix(), false, () -> delegate.list(query));
    }

    @Override
    public ObjectInfo copy(String sourceKey, String targetKey) {
        return around(Operation.COPY, sourceKey, true, () -> delegate.copy(sourceKey, targetKey));
    }

    @Override
    public ObjectInfo move(String sourceKey, String targetKey) {
        return around(Operation.MOVE, sourceKey, true, () -> delegate.move(sourceKey, targetKey));
    }

    /** A stream that breaks with an {@link IOException} after {@code limit} bytes. */
    static final class CutStream extends FilterInputStream {
        private long left;

        CutStream(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                throw new IOException("chaos: connection cut mid-stream");
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (left <= 0) {
                throw new IOException("chaos: connection cut mid-stream");
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
