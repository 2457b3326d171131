package dev.stowage.layer;

import dev.stowage.ObjectInfo;
import dev.stowage.ObjectNotFoundException;
import dev.stowage.Operation;
import dev.stowage.spi.StorageDriver;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Reports every operation (disk, operation, outcome, duration, bytes) to its listeners. A read is
 * reported when its stream is closed, with the bytes actually read. Stack it outermost so that the
 * duration is what the caller waited, retries and queueing included.
 */
public final class ObservationLayer extends InterceptingLayer {
    private final List<OperationListener> listeners;

    /** Reports operations of {@code delegate} to {@code listeners}. */
    public ObservationLayer(StorageDriver delegate, List<OperationListener> listeners) {
        super(delegate);
        this.listeners = List.copyOf(listeners);
    }

    @Override
    <T> T intercept(Call call, Supplier<T> body) {
        long start = System.nanoTime();
        T result;
        try {
            result = body.get();
        } catch (RuntimeException e) {
            publish(call, e instanceof ObjectNotFoundException ? OperationEvent.Outcome.NOT_FOUND
                    : OperationEvent.Outcome.FAILURE, e.getClass().getSimpleName(), start, -1);
            throw e;
        }
        if (call.operation() == Operation.READ && result instanceof InputStream in) {
            @SuppressWarnings("unchecked")
            T counted = (T) new CountingStream(in, call, start);
            return counted;
        }
        long bytes = call.operation() == Operation.WRITE && result instanceof ObjectInfo info ? info.size() : -1;
        publish(call, OperationEvent.Outcome.SUCCESS, null, start, bytes);
        return result;
    }

    private void publish(Call call, OperationEvent.Outcome outcome, String error, long start, long bytes) {
        OperationEvent event = new OperationEvent(disk(), call.operation(), call.key(), outcome, error,
                Duration.ofNanos(System.nanoTime() - start), bytes);
        for (OperationListener l : listeners) {
            try {
                l.onOperation(event);
            } catch (RuntimeException ignored) {
                // a listener must not break storage operations
            }
        }
    }

    private final class CountingStream extends FilterInputStream {
        private final Call call;
        private final long start;
        private final AtomicBoolean reported = new AtomicBoolean();
        private long count;
        private String error;

        CountingStream(InputStream in, Call call, long start) {
            super(in);
            this.call = call;
            this.start = start;
        }

        @Override
        public int read() throws IOException {
            try {
                int b = super.read();
                if (b >= 0) {
                    count++;
                }
                return b;
            } catch (IOException e) {
                error = e.getClass().getSimpleName();
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                int n = super.read(b, off, len);
                if (n > 0) {
                    count += n;
                }
                return n;
            } catch (IOException e) {
                error = e.getClass().getSimpleName();
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                if (reported.compareAndSet(false, true)) {
                    publish(call, error == null ? OperationEvent.Outcome.SUCCESS : OperationEvent.Outcome.FAILURE,
                            error, start, count);
                }
            }
        }
    }
}
