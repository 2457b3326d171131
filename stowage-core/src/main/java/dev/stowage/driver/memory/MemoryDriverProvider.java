package dev.stowage.driver.memory;

import dev.stowage.spi.DiskConfig;
import dev.stowage.spi.DriverProvider;
import dev.stowage.spi.StorageDriver;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Registers the {@code memory} scheme: {@code memory://name}. */
public final class MemoryDriverProvider implements DriverProvider {

    @Override
    public Set<String> schemes() {
        return new LinkedHashSet<>(List.of("memory"));
    }

    @Override
    public Set<String> knownSettings() {
        return Set.of("signing-secret", "base-url", "public-url", "async-concurrency");
    }

    @Override
    public StorageDriver create(DiskConfig config) {
        return new MemoryDriver(config);
    }

    @Override
    public DiskConfig configFromUri(String diskName, URI uri) {
        return DiskConfig.of(diskName, "memory", DriverProvider.queryParameters(uri));
    }
}
