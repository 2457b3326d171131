package dev.stowage.layer;

import dev.stowage.AccessDeniedException;
import dev.stowage.Capabilities;
import dev.stowage.Capability;
import dev.stowage.Content;
import dev.stowage.ObjectInfo;
import dev.stowage.Operation;
import dev.stowage.SignedUrlOptions;
import dev.stowage.spi.StorageDriver;
import dev.stowage.spi.WriteOptions;
import java.net.URI;
import java.util.List;

/**
 * Refuses every change: writes, copies, moves, deletes and signed upload URLs fail with
 * {@link AccessDeniedException} before anything reaches the driver. Reads, listings and download
 * URLs pass. {@link #capabilities()} drops what only writers use.
 */
public final class ReadOnlyLayer extends ForwardingDriver {

    /** A read-only view of {@code delegate}. */
    public ReadOnlyLayer(StorageDriver delegate) {
        super(delegate);
    }

    @Override
    public Capabilities capabilities() {
        return delegate.capabilities().without(Capability.SIGNED_PUT, Capability.CONDITIONAL_CREATE,
                Capability.CONDITIONAL_UPDATE, Capability.MULTIPART_UPLOAD, Capability.BATCH_DELETE,
                Capability.SERVER_SIDE_COPY);
    }

    private AccessDeniedException denied(Operation operation, String key) {
        return new AccessDeniedException(disk(), operation, key,
                "disk '" + disk() + "' is read-only (stowage.disks." + disk() + ".read-only=true)", null);
    }

    @Override
    public ObjectInfo write(String key, Content content, WriteOptions options) {
        throw denied(Operation.WRITE, key);
    }

    @Override
    public boolean delete(String key) {
        throw denied(Operation.DELETE, key);
    }

    @Override
    public void deleteMany(List<String> keys) {
        throw denied(Operation.DELETE, keys.isEmpty() ? null : keys.get(0));
    }

    @Override
    public ObjectInfo copy(String sourceKey, String targetKey) {
        throw denied(Operation.COPY, targetKey);
    }

    @Override
    public ObjectInfo move(String sourceKey, String targetKey) {
        throw denied(Operation.MOVE, sourceKey);
    }

    @Override
    public URI signedUrl(String key, SignedUrlOptions options) {
        if (options.method() == SignedUrlOptions.Method.PUT) {
            throw denied(Operation.SIGN_URL, key);
        }
        return delegate.signedUrl(key, options);
    }
}
