package dev.stowage.layer;

import dev.stowage.ByteRange;
import dev.stowage.Content;
import dev.stowage.ObjectInfo;
import dev.stowage.Operation;
import dev.stowage.Page;
import dev.stowage.SignedUrlOptions;
import dev.stowage.spi.ListQuery;
import dev.stowage.spi.StorageDriver;
import dev.stowage.spi.WriteOptions;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A forwarding layer that runs every data operation through one method, {@link #intercept}: the
 * shape shared by retry, timeout, logging, observation and concurrency limits.
 */
abstract class InterceptingLayer extends ForwardingDriver {

    InterceptingLayer(StorageDriver delegate) {
        super(delegate);
    }

    /** What is being called: the operation, its key (or prefix, or {@code null}) and the write's content. */
    record Call(Operation operation, String key, Content content) {
        Call(Operation operation, String key) {
            this(operation, key, null);
        }
    }

    /** Runs {@code body} (the call to the layer below) with this layer's behaviour around it. */
    abstract <T> T intercept(Call call, Supplier<T> body);

    @Override
    public ObjectInfo write(String key, Content content, WriteOptions options) {
        return intercept(new Call(Operation.WRITE, key, content), () -> delegate.write(key, content, options));
    }

    @Override
    public InputStream read(String key, ByteRange range) {
        return intercept(new Call(Operation.READ, key), () -> delegate.read(key, range));
    }

    @Override
    public InputStream readIfMatch(String key, ByteRange range, String etag) {
        return intercept(new Call(Operation.READ, key), () -> delegate.readIfMatch(key, range, etag));
    }

    @Override
    public ObjectInfo stat(String key) {
        return intercept(new Call(Operation.STAT, key), () -> delegate.stat(key));
    }

    @Override
    public Map<String, String> tags(String key) {
        return intercept(new Call(Operation.TAGS, key), () -> delegate.tags(key));
    }

    @Override
    public boolean delete(String key) {
        return intercept(new Call(Operation.DELETE, key), () -> delegate.delete(key));
    }

    @Override
    public void deleteMany(List<String> keys) {
        intercept(new Call(Operation.DELETE, keys.isEmpty() ? null : keys.get(0)), () -> {
            delegate.deleteMany(keys);
            return null;
        });
    }

    @Override
    public Page list(ListQuery query) {
        return intercept(new Call(Operation.LIST, query.prefix()), () -> delegate.list(query));
    }

    @Override
    public ObjectInfo copy(String sourceKey, String targetKey) {
        return intercept(new Call(Operation.COPY, sourceKey), () -> delegate.copy(sourceKey, targetKey));
    }

    @Override
    public ObjectInfo move(String sourceKey, String targetKey) {
        return intercept(new Call(Operation.MOVE, sourceKey), () -> delegate.move(sourceKey, targetKey));
    }

    @Override
    public URI signedUrl(String key, SignedUrlOptions options) {
        return intercept(new Call(Operation.SIGN_URL, key), () -> delegate.signedUrl(key, options));
    }

    @Override
    public URI publicUrl(String key) {
        return intercept(new Call(Operation.PUBLIC_URL, key), () -> delegate.publicUrl(key));
    }

    @Override
    public List<ObjectInfo> findByTags(String query) {
        return intercept(new Call(Operation.LIST, null), () -> delegate.findByTags(query));
    }
}
