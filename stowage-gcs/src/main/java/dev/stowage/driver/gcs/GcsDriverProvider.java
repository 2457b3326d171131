package dev.stowage.driver.gcs;

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
 * Registers the {@code gcs} and {@code gs} schemes: {@code gs://bucket/optional/prefix?project=my-project}.
 * Query parameters become settings ({@code project} is an alias of {@code project-id}).
 */
public final class GcsDriverProvider implements DriverProvider {

    @Override
    public Set<String> schemes() {
        return new LinkedHashSet<>(List.of("gcs", "gs"));
    }

    @Override
    public Set<String> knownSettings() {
        return GcsSettings.KNOWN;
    }

    @Override
    public StorageDriver create(DiskConfig config) {
        return new GcsDriver(config);
    }

    @Override
    public DiskConfig configFromUri(String diskName, URI uri) {
        DiskConfig base = DriverProvider.super.configFromUri(diskName, uri);
        Map<String, String> settings = new LinkedHashMap<>(base.settings());
        String project = settings.remove("project");
        if (project != null) {
            settings.putIfAbsent("project-id", project);
        }
        return DiskConfig.of(diskName, scheme(), settings);
    }
}
