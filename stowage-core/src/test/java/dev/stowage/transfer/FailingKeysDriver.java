package dev.stowage.transfer;

import dev.stowage.Content;
import dev.stowage.ObjectInfo;
import dev.stowage.Operation;
import dev.stowage.StorageUnavailableException;
import dev.stowage.driver.memory.MemoryDriver;
import dev.stowage.layer.ForwardingDriver;
import dev.stowage.spi.WriteOptions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A memory disk whose writes of chosen keys fail as if the provider were down. */
final class FailingKeysDriver extends ForwardingDriver {
    final MemoryDriver memory;
    final Set<String> failingWrites = ConcurrentHashMap.newKeySet();

    FailingKeysDriver(String disk) {
        this(new MemoryDriver(disk));
    }

    private FailingKeysDriver(MemoryDriver memory) {
        super(memory);
        this.memory = memory;
    }

    @Override
    public String driverName() {
        return "failing-memory";
    }

    @Override
    public ObjectInfo write(String key, Content content, WriteOptions options) {
        if (failingWrites.contains(key)) {
            throw new StorageUnavailableException(disk(), Operation.WRITE, key, "injected failure", null);
        }
        return super.write(key, content, options);
    }
}
