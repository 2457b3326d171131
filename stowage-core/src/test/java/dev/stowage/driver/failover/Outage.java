package dev.stowage.driver.failover;

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
import java.io.InputStream;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test layer that takes a disk down: calls fail as unavailable, some only after the change was
 * applied (the answer is lost, as when a connection is cut after the server committed).
 */
final class Outage extends ForwardingDriver {
    volatile boolean down;
    volatile long hangMillis;
    volatile double applyThenFail;
    final AtomicInteger calls = new AtomicInteger();

    Outage(StorageDriver delegate) {
        super(delegate);
    }

    private void gate(Operation op, String key) {
        calls.incrementAndGet();
        if (hangMillis > 0) {
            try {
                Thread.sleep(hangMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageUnavailableException(disk(), op, key, "interrupted", e);
            }
        }
        if (down) {
            throw new StorageUnavailableException(disk(), op, key, "injected outage", null);
        }
    }


    @Override
    public ObjectInfo write(String key, Content content, WriteOptions options) {
        boolean wasDown = down;
        if (wasDown && applyThenFail > 0 && ThreadLocalRandom.current().nextDouble() < applyThenFail) {
            calls.incrementAndGet();
            super.write(key, content, options);
            throw new StorageUnavailableException(disk(), Operation.WRITE, key, "connection cut after commit", null);
        }
        gate(Operation.WRITE, key);
        return super.write(key, content, options);
    }

    @Override
    public boolean delete(String key) {
        boolean wasDown = down;
        if (wasDown && applyThenFail > 0 && ThreadLocalRandom.current().nextDouble() < applyThenFail) {
            calls.incrementAndGet();
            super.delete(key);
            throw new StorageUnavailableException(disk(), Operation.DELETE, key, "connection cut after commit", null);
        }
        gate(Operation.DELETE, key);
        return super.delete(key);
    }

    @Override
    public InputStream read(String key, ByteRange range) {
        gate(Operation.READ, key);
        return super.read(key, range);
    }

    @Override
    public ObjectInfo stat(String key) {
        gate(Operation.STAT, key);
        return super.stat(key);
    }

    @Override
    public Page list(ListQuery query) {
        gate(Operation.LIST, query.prefix());
        return super.list(query);
    }

    @Override
    public ObjectInfo copy(String sourceKey, String targetKey) {
        gate(Operation.COPY, sourceKey);
        return super.copy(sourceKey, targetKey);
    }

}
