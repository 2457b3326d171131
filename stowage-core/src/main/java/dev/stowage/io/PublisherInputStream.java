package dev.stowage.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An {@link InputStream} fed by a {@link Flow.Publisher} of buffers, with backpressure: it never
 * asks for more than {@code window} buffers beyond those consumed, so a fast publisher cannot fill
 * memory. Closing it cancels the subscription.
 */
public final class PublisherInputStream extends InputStream implements Flow.Subscriber<ByteBuffer> {
    private static final Object COMPLETE = new Object();

    private final int window;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    private Flow.Subscription subscription;
    private ByteBuffer current;
    private Object terminal;
    private boolean closed;

    /** @param window buffers requested ahead of consumption (at least 1) */
    public PublisherInputStream(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1");
        }
        this.window = window;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        Objects.requireNonNull(s);
        lock.lock();
        try {
            if (subscription != null || closed) {
                s.cancel();
                return;
            }
            subscription = s;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        s.request(window);
    }

    @Override
    public void onNext(ByteBuffer item) {
        boolean empty = !item.hasRemaining();
        lock.lock();
        try {
            if (!closed && !empty) {
                queue.add(item);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (empty) {
            requestOne();
        }
    }

    @Override
    public void onError(Throwable throwable) {
        finish(throwable);
    }

    @Override
    public void onComplete() {
        finish(COMPLETE);
    }

    private void finish(Object how) {
        lock.lock();
        try {
            if (terminal == null) {
                terminal = how;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void requestOne() {
        Flow.Subscription s;
        lock.lock();
        try {
            s = subscription;
        } finally {
            lock.unlock();
        }
        if (s != null) {
            s.request(1);
        }
    }

    /** Returns a buffer with bytes, or null at the end; throws the publisher's error. */
    private ByteBuffer nextBuffer() throws IOException {
        if (current != null && current.hasRemaining()) {
            return current;
        }
        boolean consumed = current != null;
        current = null;
        if (consumed) {
            requestOne();
        }
        lock.lock();
        try {
            while (true) {
                if (closed) {
                    throw new IOException("stream closed");
                }
                ByteBuffer b = queue.poll();
                if (b != null) {
                    current = b;
                    return b;
                }
                if (terminal == COMPLETE) {
                    return null;
                }
                if (terminal instanceof Throwable t) {
                    throw t instanceof IOException io ? new IOException(io.getMessage(), io)
                            : new IOException("the content publisher failed: " + t, t);
                }
                changed.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the publisher");
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int read() throws IOException {
        ByteBuffer b = nextBuffer();
        return b == null ? -1 : b.get() & 0xff;
    }

    @Override
    public int read(byte[] dst, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, dst.length);
        if (len == 0) {
            return 0;
        }
        int total = 0;
        while (total < len) {
            ByteBuffer b = total == 0 ? nextBuffer() : (current != null && current.hasRemaining() ? current : pollReady());
            if (b == null) {
                break;
            }
            int n = Math.min(len - total, b.remaining());
            b.get(dst, off + total, n);
            total += n;
        }
        return total == 0 ? -1 : total;
    }

    /** A buffer already queued, without waiting; null if none. */
    private ByteBuffer pollReady() {
        boolean consumed = current != null;
        current = null;
        if (consumed) {
            requestOne();
        }
        lock.lock();
        try {
            current = queue.poll();
            return current;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        Flow.Subscription s;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            queue.clear();
            s = terminal == null ? subscription : null;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (s != null) {
            s.cancel();
        }
    }
}
