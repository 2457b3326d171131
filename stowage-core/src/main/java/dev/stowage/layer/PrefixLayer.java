package dev.stowage.layer;

import dev.stowage.ByteRange;
import dev.stowage.Content;
import dev.stowage.ObjectInfo;
import dev.stowage.Operation;
import dev.stowage.Page;
import dev.stowage.SignedUrlOptions;
import dev.stowage.StorageConfigurationException;
import dev.stowage.StorageKey;
import dev.stowage.spi.ListQuery;
import dev.stowage.spi.StorageDriver;
import dev.stowage.spi.WriteOptions;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Confines a disk to the keys under one prefix ({@code tenants/a/}): every key is prefixed on the
 * way down and the prefix is stripped from listings on the way up. Keys are validated here again
 * (no {@code ..}, no absolute paths), so no key given to a prefixed disk can reach outside its
 * prefix, even when the driver is called directly; tag searches only return keys inside it.
 */
public final class PrefixLayer extends ForwardingDriver {
    private final String prefix;

    /** Confines {@code delegate} to {@code prefix}, which must end with {@code /}. */
    public PrefixLayer(StorageDriver delegate, String prefix) {
        super(delegate);
        String violation = prefix == null || prefix.isEmpty() ? "prefix is empty" : StorageKey.prefixViolation(prefix);
        if (violation == null && !prefix.endsWith("/")) {
            violation = "prefix must end with '/'";
        }
        if (violation != null) {
            throw new StorageConfigurationException(delegate.disk(),
                    "setting 'prefix' is not a valid key prefix: " + violation);
        }
        this.prefix = prefix;
    }

    /** The prefix every key gets. */
    public String prefix() {
        return prefix;
    }

    private String in(Operation operation, String key) {
        return prefix + StorageKey.require(disk(), operation, key);
    }

    private ObjectInfo out(ObjectInfo info) {
        return info.key().startsWith(prefix) ? info.withKey(info.key().substring(prefix.length())) : info;
    }

    private <T> T call(java.util.function.Supplier<T> body) {
        try {
            return body.get();
        } catch (dev.stowage.StorageException e) {
            throw e.key() != null && e.key().startsWith(prefix)
                    ? Failures.relabel(e, e.disk(), e.key().substring(prefix.length())) : e;
        }
    }

    private String strip(String key) {
        return key == null ? null : key.startsWith(prefix) ? key.substring(prefix.length()) : key;
    }

    @Override
    public ObjectInfo write(String key, Content content, WriteOptions options) {
        return out(call(() -> delegate.write(in(Operation.WRITE, key), content, options)));
    }

    @Override
    public InputStream read(String key, ByteRange range) {
        return call(() -> delegate.read(in(Operation.READ, key), range));
    }

    @Override
    public InputStream readIfMatch(String key, ByteRange range, String etag) {
        return call(() -> delegate.readIfMatch(in(Operation.READ, key), range, etag));
    }

    @Override
    public ObjectInfo stat(String key) {
        return out(call(() -> delegate.stat(in(Operation.STAT, key))));
    }

    @Override
    public Map<String, String> tags(String key) {
        return call(() -> delegate.tags(in(Operation.TAGS, key)));
    }

    @Override
    public boolean delete(String key) {
        return call(() -> delegate.delete(in(Operation.DELETE, key)));
    }

    @Override
    public void deleteMany(List<String> keys) {
        call(() -> {
            delegate.deleteMany(keys.stream().map(k -> in(Operation.DELETE, k)).toList());
            return null;
        });
    }

    @Override
    public Page list(ListQuery query) {
        StorageKey.requirePrefix(disk(), Operation.LIST, query.prefix());
        if (query.startAfter() != null) {
            StorageKey.requirePrefix(disk(), Operation.LIST, query.startAfter());
        }
        Page page = call(() -> delegate.list(new ListQuery(prefix + query.prefix(), query.delimiter(),
                query.startAfter() == null ? null : prefix + query.startAfter(), query.limit())));
        return new Page(page.objects().stream().map(this::out).toList(),
                page.prefixes().stream().map(this::strip).toList(), strip(page.nextCursor()));
    }

    @Override
    public ObjectInfo copy(String sourceKey, String targetKey) {
        return out(call(() -> delegate.copy(in(Operation.COPY, sourceKey), in(Operation.COPY, targetKey))));
    }

    @Override
    public ObjectInfo move(String sourceKey, String targetKey) {
        return out(call(() -> delegate.move(in(Operation.MOVE, sourceKey), in(Operation.MOVE, targetKey))));
    }

    @Override
    public URI signedUrl(String key, SignedUrlOptions options) {
        return call(() -> delegate.signedUrl(in(Operation.SIGN_URL, key), options));
    }

    @Override
    public URI publicUrl(String key) {
        return call(() -> delegate.publicUrl(in(Operation.PUBLIC_URL, key)));
    }

    @Override
    public List<ObjectInfo> findByTags(String query) {
        return delegate.findByTags(query).stream().filter(i -> i.key().startsWith(prefix)).map(this::out).toList();
    }
}
