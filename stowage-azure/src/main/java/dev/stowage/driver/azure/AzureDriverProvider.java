package dev.stowage.driver.azure;

import dev.stowage.spi.DiskConfig;
import dev.stowage.spi.DriverProvider;
import dev.stowage.spi.StorageDriver;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Registers the {@code azure} and {@code az} schemes:
 * {@code az://container/optional/prefix?account=NAME&account-key=…} (or {@code connection-string},
 * {@code sas-token}, {@code credential=default}, {@code endpoint}). The URI authority is the
 * container, the path the prefix, query parameters the other settings.
 */
public final class AzureDriverProvider implements DriverProvider {

    @Override
    public Set<String> schemes() {
        return new LinkedHashSet<>(List.of("azure", "az"));
    }

    @Override
    public Set<String> knownSettings() {
        return AzureSettings.KNOWN;
    }

    @Override
    public Set<String> requiredSettings() {
        return Set.of("container");
    }

    @Override
    public StorageDriver create(DiskConfig config) {
        AzureSettings settings = AzureSettings.from(config);
        return new AzureDriver(settings, AzureClients.build(settings));
    }

    @Override
    public DiskConfig configFromUri(String diskName, URI uri) {
        Map<String, String> settings = new LinkedHashMap<>(DriverProvider.queryParameters(uri));
        if (uri.getAuthority() != null && !uri.getAuthority().isEmpty()) {
            settings.put("container", uri.getAuthority());
        }
        String path = uri.getPath();
        if (path != null && path.length() > 1) {
            String prefix = path.substring(1);
            settings.put("prefix", prefix.endsWith("/") ? prefix : prefix + "/");
        }
        return DiskConfig.of(diskName, scheme(), settings);
    }
}
