package dev.stowage.layer;

import dev.stowage.StorageUnavailableException;
import dev.stowage.spi.StorageDriver;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** A test layer that fails the next calls with a retryable error, or makes them hang. */
final class FlakyDriver extends InterceptingLayer {
    final AtomicInteger failuresLeft = new AtomicInteger();
    final AtomicInteger calls = new AtomicInteger();
    volatile long hangMillis;

    FlakyDriver(StorageDriver delegate) {
        super(delegate);
    }

    @Override
    <T> T intercept(Call call, Supplier<T> body) {
        calls.incrementAndGet();
        if (hangMillis > 0) {
            try {
                Thread.sleep(hangMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageUnavailableException(disk(), call.operation(), call.key(), "interrupted", e);
            }
        }
        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new StorageUnavailableException(disk(), call.operation(), call.key(), "injected outage", null);
        }
        return body.get();
    }
}
