package dev.stowage.testkit;

import dev.stowage.ByteRange;
import dev.stowage.Capabilities;
import dev.stowage.Content;
import dev.stowage.ObjectInfo;
import dev.stowage.Page;
import dev.stowage.SignedUrlOptions;
import dev.stowage.spi.ListQuery;
import dev.stowage.spi.StorageDriver;
import dev.stowage.spi.WriteOptions;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Passes every call to another driver, reporting the capabilities it is given and counting calls. */
final class ForwardingDriver implements StorageDriver {
    private final StorageDriver delegate;
    private final Capabilities capabilities;
    final AtomicInteger calls = new AtomicInteger();

    ForwardingDriver(StorageDriver delegate, Capabilities capabilities) {
        this.delegate = delegate;
        this.capabilities = capabilities;
    }

    @Override
    public String disk() {
        return delegate.disk();
    }

    @Override
    public String driverName() {
        return "limited-" + delegate.driverName();
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    @Override
    public ObjectInfo write(String key, Content content, WriteOptions options) {
        calls.incrementAndGet();
        return delegate.write(key, content, options);
    }

    @Override
    public InputStream read(String key, ByteRange range) {
        calls.incrementAndGet();
        return delegate.read(key, range);
    }

    @Override
    public ObjectInfo stat(String key) {
        calls.incrementAndGet();
        return delegate.stat(key);
    }

    @Override
    public Map<String, String> tags(String key) {
        calls.incrementAndGet();
        return delegate.tags(key);
    }

    @Override
    public boolean delete(String key) {
        calls.incrementAndGet();
        return delegate.delete(key);
    }

    @Override
    public void deleteMany(List<String> keys) {
        calls.incrementAndGet();
        delegate.deleteMany(keys);
    }

    @Override
    public Page list(ListQuery query) {
        calls.incrementAndGet();
        return delegate.list(query);
    }

    @Override
    public ObjectInfo copy(String sourceKey, String targetKey) {
        calls.incrementAndGet();
        return delegate.copy(sourceKey, targetKey);
    }

    @Override
    public URI signedUrl(String key, SignedUrlOptions options) {
        calls.incrementAndGet();
        return delegate.signedUrl(key, options);
    }

    @Override
    public URI publicUrl(String key) {
        calls.incrementAndGet();
        return delegate.publicUrl(key);
    }

    @Override
    public List<ObjectInfo> findByTags(String query) {
        calls.incrementAndGet();
        return delegate.findByTags(query);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
