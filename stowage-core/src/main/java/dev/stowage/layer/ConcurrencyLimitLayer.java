package dev.stowage.layer;

import dev.stowage.Operation;
import dev.stowage.StorageUnavailableException;
import dev.stowage.spi.StorageDriver;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Lets at most {@code maxConcurrency} operations run on the disk at once; others wait (on a virtual
 * thread, waiting costs no OS thread). A read holds its permit until its stream is closed, so the
 * limit bounds open connections too.
 */
public final class ConcurrencyLimitLayer extends InterceptingLayer {
    private final Semaphore permits;
    private final int max;

    /** At most {@code maxConcurrency} operations at once. */
    public ConcurrencyLimitLayer(StorageDriver delegate, int maxConcurrency) {
        super(delegate);
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("max-concurrency must be >= 1: " + maxConcurrency);
        }
        this.max = maxConcurrency;
        this.permits = new Semaphore(maxConcurrency, true);
    }

    /** The limit. */
    public int maxConcurrency() {
        return max;
    }

    /** Operations running now. */
    public int inFlight() {
        return max - permits.availablePermits();
    }

    @Override
    <T> T intercept(Call call, Supplier<T> body) {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException(disk(), call.operation(), call.key(),
                    "interrupted while waiting for one of " + max + " concurrency permits", e);
        }
        boolean handedOver = false;
        try {
            T result = body.get();
            if (call.operation() == Operation.READ && result instanceof InputStream in) {
                handedOver = true;
                @SuppressWarnings("unchecked")
                T wrapped = (T) new PermitStream(in);
                return wrapped;
            }
            return result;
        } finally {
            if (!handedOver) {
                permits.release();
            }
        }
    }

    private final class PermitStream extends FilterInputStream {
        private final AtomicBoolean released = new AtomicBoolean();

        PermitStream(InputStream in) {
            super(in);
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                if (released.compareAndSet(false, true)) {
                    permits.release();
                }
            }
        }
    }
}
