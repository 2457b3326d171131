package dev.stowage.transfer;

import dev.stowage.ByteRange;
import dev.stowage.Capabilities;
import dev.stowage.Content;
import dev.stowage.ObjectInfo;
import dev.stowage.Operation;
import dev.stowage.Page;
import dev.stowage.SignedUrlOptions;
import dev.stowage.StorageUnavailableException;
import dev.stowage.driver.memory.MemoryDriver;
import dev.stowage.spi.ListQuery;
import dev.stowage.spi.StorageDriver;
import dev.stowage.spi.WriteOptions;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A memory disk whose writes of chosen keys fail as if the provider were down. */
final class FailingKeysDriver implements StorageDriver {
    final MemoryDriver memory;
    final Set<String> failingWrites = ConcurrentHashMap.newKeySet();

    FailingKeysDriver(String disk) {
        this.memory = new MemoryDriver(disk);
    }

    @Override
    public String disk() {
        return memory.disk();
    }

    @Override
    public String driverName() {
        return "failing-memory";
    }

    @Override
    public Capabilities capabilities() {
        return memory.capabilities();
    }

    @Override
    public ObjectInfo write(String key, Content content, WriteOptions options) {
        if (failingWrites.contains(key)) {
            throw new StorageUnavailableException(disk(), Operation.WRITE, key, "injected failure", null);
        }
        return memory.write(key, content, options);
    }

    @Override
    public InputStream read(String key, ByteRange range) {
        return memory.read(key, range);
    }

    @Override
    public ObjectInfo stat(String key) {
        return memory.stat(key);
    }

    @Override
    public boolean delete(String key) {
        return memory.delete(key);
    }

    @Override
    public void deleteMany(List<String> keys) {
        memory.deleteMany(keys);
    }

    @Override
    public Page list(ListQuery query) {
        return memory.list(query);
    }

    @Override
    public ObjectInfo copy(String sourceKey, String targetKey) {
        return memory.copy(sourceKey, targetKey);
    }

    @Override
    public URI signedUrl(String key, SignedUrlOptions options) {
        return memory.signedUrl(key, options);
    }

    @Override
    public URI publicUrl(String key) {
        return memory.publicUrl(key);
    }

    @Override
    public void close() {
        memory.close();
    }
}
