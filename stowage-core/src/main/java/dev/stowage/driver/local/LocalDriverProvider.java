package dev.stowage.driver.local;

import dev.stowage.spi.DiskConfig;
import dev.stowage.spi.DriverProvider;
import dev.stowage.spi.StorageDriver;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Registers the {@code local} and {@code file} schemes: {@code file:///var/data},
 * {@code local:./storage} (opaque: the rest is a path, relative to the working directory),
 * {@code local:/abs/path}, each with optional query settings ({@code ?fsync=false}).
 */
public final class LocalDriverProvider implements DriverProvider {

    @Override
    public Set<String> schemes() {
        return new LinkedHashSet<>(List.of("local", "file"));
    }

    @Override
    public Set<String> knownSettings() {
        return LocalDriver.settings();
    }

    @Override
    public StorageDriver create(DiskConfig config) {
        return new LocalDriver(config);
    }

    @Override
    public DiskConfig configFromUri(String diskName, URI uri) {
        Map<String, String> settings = new LinkedHashMap<>();
        String path;
        if (uri.isOpaque()) {
            String raw = uri.getRawSchemeSpecificPart();
            int q = raw.indexOf('?');
            if (q >= 0) {
                settings.putAll(DriverProvider.queryParameters(URI.create("x:/?" + raw.substring(q + 1))));
                raw = raw.substring(0, q);
            }
            path = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } else {
            settings.putAll(DriverProvider.queryParameters(uri));
            path = uri.getPath();
        }
        if (path != null && !path.isEmpty()) {
            settings.put("root", path);
        }
        return DiskConfig.of(diskName, "local", settings);
    }
}
