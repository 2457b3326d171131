package dev.stowage.layer;

import dev.stowage.Operation;
import dev.stowage.StorageException;
import dev.stowage.StorageUnavailableException;
import dev.stowage.spi.StorageDriver;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Bounds how long each operation may take. The call runs on a fresh virtual thread; when the
 * deadline passes that thread is interrupted and the caller gets a retryable
 * {@link StorageUnavailableException}. A late result that holds resources (a read's stream) is
 * closed when it arrives.
 *
 * <p>For reads the deadline covers opening the stream (the first byte), not reading it to the end.
 * Stack it inside {@link RetryLayer} so each attempt has its own deadline.
 */
public final class TimeoutLayer extends InterceptingLayer {
    private final Duration defaultTimeout;
    private final Map<Operation, Duration> perOperation;

    /** The same deadline for every operation. */
    public TimeoutLayer(StorageDriver delegate, Duration timeout) {
        this(delegate, timeout, Map.of());
    }

    /** A default deadline, with overrides for some operations. */
    public TimeoutLayer(StorageDriver delegate, Duration timeout, Map<Operation, Duration> perOperation) {
        super(delegate);
        this.defaultTimeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        this.perOperation = perOperation.isEmpty() ? Map.of() : new EnumMap<>(perOperation);
    }

    /** The deadline of an operation. */
    public Duration timeout(Operation operation) {
        return perOperation.getOrDefault(operation, defaultTimeout);
    }

    @Override
    <T> T intercept(Call call, Supplier<T> body) {
        Duration limit = timeout(call.operation());
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread worker = Thread.ofVirtual().name("stowage-timeout-" + disk()).start(() -> {
            try {
                result.complete(body.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return result.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            worker.interrupt();
            result.thenAccept(TimeoutLayer::closeQuietly);
            throw new StorageUnavailableException(disk(), call.operation(), call.key(),
                    "no answer within " + limit.toMillis() + " ms (timeout)", e);
        } catch (InterruptedException e) {
            worker.interrupt();
            result.thenAccept(TimeoutLayer::closeQuietly);
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException(disk(), call.operation(), call.key(), "interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new StorageException(disk(), call.operation(), call.key(), String.valueOf(cause), cause);
        }
    }

    private static void closeQuietly(Object late) {
        if (late instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception ignored) {
                // a late result nobody will read; nothing more to do
            }
        }
    }
}
