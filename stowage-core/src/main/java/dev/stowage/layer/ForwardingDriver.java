package dev.stowage.layer;

import dev.stowage.ByteRange;
import dev.stowage.Capabilities;
import dev.stowage.Content;
import dev.stowage.ObjectInfo;
import dev.stowage.Page;
import dev.stowage.SignedUrlOptions;
import dev.stowage.Unwrappable;
import dev.stowage.spi.ListQuery;
import dev.stowage.spi.StorageDriver;
import dev.stowage.spi.WriteOptions;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A driver that passes every call to another one: the base of every layer. Override only what the
 * layer changes; {@link dev.stowage.Storage#unwrap(Class)} looks through it via {@link #delegate()}.
 *
 * <p>Like Okio's {@code ForwardingSource}, it is also the quickest way to write a one-off
 * decorator in a test (fault injection, access logging).
 */
public class ForwardingDriver implements StorageDriver, Unwrappable {

    /** The driver underneath. */
    protected final StorageDriver delegate;

    /** Forwards every call to {@code delegate}. */
    public ForwardingDriver(StorageDriver delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public StorageDriver delegate() {
        return delegate;
    }

    @Override
    public String disk() {
        return delegate.disk();
    }

    @Override
    public String driverName() {
        return delegate.driverName();
    }

    @Override
    public Capabilities capabilities() {
        return delegate.capabilities();
    }

    @Override
    public int asyncConcurrency() {
        return delegate.asyncConcurrency();
    }

    @Override
    public ObjectInfo write(String key, Content content, WriteOptions options) {
        return delegate.write(key, content, options);
    }

    @Override
    public InputStream read(String key, ByteRange range) {
        return delegate.read(key, range);
    }

    @Override
    public InputStream readIfMatch(String key, ByteRange range, String etag) {
        return delegate.readIfMatch(key, range, etag);
    }

    @Override
    public boolean prefersParallelRangedReads() {
        return delegate.prefersParallelRangedReads();
    }

    @Override
    public ObjectInfo stat(String key) {
        return delegate.stat(key);
    }

    @Override
    public Map<String, String> tags(String key) {
        return delegate.tags(key);
    }

    @Override
    public boolean delete(String key) {
        return delegate.delete(key);
    }

    @Override
    public void deleteMany(List<String> keys) {
        delegate.deleteMany(keys);
    }

    @Override
    public Page list(ListQuery query) {
        return delegate.list(query);
    }

    @Override
    public ObjectInfo copy(String sourceKey, String targetKey) {
        return delegate.copy(sourceKey, targetKey);
    }

    @Override
    public ObjectInfo move(String sourceKey, String targetKey) {
        return delegate.move(sourceKey, targetKey);
    }

    @Override
    public URI signedUrl(String key, SignedUrlOptions options) {
        return delegate.signedUrl(key, options);
    }

    @Override
    public URI publicUrl(String key) {
        return delegate.publicUrl(key);
    }

    @Override
    public List<ObjectInfo> findByTags(String query) {
        return delegate.findByTags(query);
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + delegate + "]";
    }
}
