package dev.stowage.layer;

import dev.stowage.Content;
import dev.stowage.Operation;
import dev.stowage.StorageException;
import dev.stowage.spi.StorageDriver;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Retries failures marked {@link StorageException#retryable() retryable} with exponential backoff
 * and full jitter, within a per-disk budget ({@link RetryPolicy}).
 *
 * <p>Only operations that are safe to repeat are retried: reads, stat, tags, listings, deletes,
 * copies, URL signing, and writes whose {@link Content#replayable() content can be read again}
 * (bytes, files). A write of a single-use stream or publisher is tried once, and its failure
 * carries a note saying why it was not retried. A move is not retried either: its first attempt
 * may have removed the source. When the layer gives up it {@linkplain
 * StorageException#markExhausted marks} the last failure, which makes it non-retryable for outer
 * layers.
 *
 * <p>Stack it outside {@link TimeoutLayer} so that each attempt gets its own deadline.
 */
public final class RetryLayer extends InterceptingLayer {
    private final RetryPolicy policy;
    private final RetryBudget budget;

    /** Retries calls to {@code delegate} as {@code policy} says. */
    public RetryLayer(StorageDriver delegate, RetryPolicy policy) {
        super(delegate);
        this.policy = policy;
        this.budget = new RetryBudget(policy.budget(), policy.budgetPerSecond(), System::nanoTime);
    }

    /** The policy in force. */
    public RetryPolicy policy() {
        return policy;
    }

    @Override
    <T> T intercept(Call call, Supplier<T> body) {
        String notRetried = whyNotRetried(call);
        for (int attempt = 1; ; attempt++) {
            try {
                return body.get();
            } catch (StorageException e) {
                if (!e.retryable()) {
                    throw e;
                }
                if (notRetried != null) {
                    e.addSuppressed(new StorageException.RetryNote("not retried: " + notRetried));
                    throw e;
                }
                if (attempt >= policy.maxAttempts()) {
                    throw e.markExhausted(attempt, "max-attempts is " + policy.maxAttempts());
                }
                if (!budget.tryAcquire()) {
                    throw e.markExhausted(attempt, "the retry budget of disk '" + disk()
                            + "' is spent (too many recent failures; it refills at " + policy.budgetPerSecond()
                            + " a second)");
                }
                if (!sleep(policy.capFor(attempt).toNanos())) {
                    throw e.markExhausted(attempt, "interrupted while waiting to retry");
                }
            }
        }
    }

    private static String whyNotRetried(Call call) {
        if (call.operation() == Operation.MOVE) {
            return "a move is not safe to repeat (the first attempt may have removed the source)";
        }
        Content content = call.content();
        if (content != null && !content.replayable()) {
            return "the content is a single-use " + (content instanceof Content.Publisher ? "publisher" : "stream")
                    + " that cannot be read twice; write bytes or a file to make the write retryable";
        }
        return null;
    }

    private static boolean sleep(long capNanos) {
        long nanos = capNanos <= 0 ? 0 : ThreadLocalRandom.current().nextLong(capNanos + 1);
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            return true;
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
