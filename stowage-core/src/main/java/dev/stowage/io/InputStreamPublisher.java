package dev.stowage.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Flow.Publisher} of the bytes of an input stream, opened on first demand. It reads one
 * chunk per requested item and never ahead of demand, so memory stays at one chunk whatever the
 * object size. Single subscriber; the stream is closed on completion, error or cancellation.
 */
public final class InputStreamPublisher implements Flow.Publisher<ByteBuffer> {
    private final Callable<InputStream> opener;
    private final Executor executor;
    private final int chunkSize;
    private final AtomicBoolean subscribed = new AtomicBoolean();

    /**
     * @param opener opens the stream (called once, on the executor)
     * @param executor runs the blocking reads (a virtual-thread executor is ideal)
     * @param chunkSize bytes per emitted buffer
     */
    public InputStreamPublisher(Callable<InputStream> opener, Executor executor, int chunkSize) {
        this.opener = Objects.requireNonNull(opener);
        this.executor = Objects.requireNonNull(executor);
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be >= 1");
        }
        this.chunkSize = chunkSize;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        Objects.requireNonNull(subscriber);
        if (!subscribed.compareAndSet(false, true)) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            subscriber.onError(new IllegalStateException("this publisher allows one subscriber only"));
            return;
        }
        Drain drain = new Drain(subscriber);
        subscriber.onSubscribe(drain);
    }

    private final class Drain implements Flow.Subscription, Runnable {
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger wip = new AtomicInteger();
        private volatile boolean cancelled;
        private boolean done;
        private InputStream in;

        Drain(Flow.Subscriber<? super ByteBuffer> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                cancelled = true;
                subscriber.onError(new IllegalArgumentException("§3.9: request must be positive, got " + n));
                schedule();
                return;
            }
            demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
            schedule();
        }

        @Override
        public void cancel() {
            cancelled = true;
            schedule();
        }

        private void schedule() {
            if (wip.getAndIncrement() == 0) {
                executor.execute(this);
            }
        }

        @Override
        public void run() {
            int missed = 1;
            do {
                drainOnce();
                missed = wip.addAndGet(-missed);
            } while (missed != 0);
        }

        private void drainOnce() {
            if (done) {
                return;
            }
            if (cancelled) {
                closeQuietly();
                done = true;
                return;
            }
            try {
                if (in == null) {
                    in = opener.call();
                }
                while (demand.get() > 0 && !cancelled) {
                    byte[] chunk = new byte[chunkSize];
                    int n = in.readNBytes(chunk, 0, chunkSize);
                    if (n <= 0) {
                        done = true;
                        closeQuietly();
                        subscriber.onComplete();
                        return;
                    }
                    demand.decrementAndGet();
                    subscriber.onNext(ByteBuffer.wrap(chunk, 0, n));
                }
                if (cancelled) {
                    done = true;
                    closeQuietly();
                }
            } catch (Throwable t) {
                done = true;
                closeQuietly();
                subscriber.onError(t);
            }
        }

        private void closeQuietly() {
            if (in != null) {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // nothing useful to do: the subscriber is gone or finished
                }
            }
        }
    }
}
