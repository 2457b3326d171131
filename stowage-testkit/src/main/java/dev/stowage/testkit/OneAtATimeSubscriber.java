package dev.stowage.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Collects a publisher's bytes, requesting one buffer at a time, and counts any buffer delivered
 * beyond demand.
 */
final class OneAtATimeSubscriber implements Flow.Subscriber<ByteBuffer> {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final CountDownLatch done = new CountDownLatch(1);
    final AtomicReference<Throwable> error = new AtomicReference<>();
    final AtomicInteger outstanding = new AtomicInteger();
    final AtomicInteger overflows = new AtomicInteger();
    final AtomicInteger buffers = new AtomicInteger();
    volatile Flow.Subscription subscription;

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        outstanding.incrementAndGet();
        s.request(1);
    }

    @Override
    public void onNext(ByteBuffer item) {
        if (outstanding.decrementAndGet() < 0) {
            overflows.incrementAndGet();
        }
        buffers.incrementAndGet();
        byte[] b = new byte[item.remaining()];
        item.get(b);
        bytes.writeBytes(b);
        outstanding.incrementAndGet();
        subscription.request(1);
    }

    @Override
    public void onError(Throwable t) {
        error.set(t);
        done.countDown();
    }

    @Override
    public void onComplete() {
        done.countDown();
    }
}
