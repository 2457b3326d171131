package dev.stowage.driver.s3;

import dev.stowage.spi.DiskConfig;
import dev.stowage.spi.DriverProvider;
import dev.stowage.spi.StorageDriver;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Registers the {@code s3} scheme: {@code s3://bucket/optional/prefix?region=…&endpoint=…&path-style=true}.
 * Query parameters may be written in kebab-case ({@code path-style}) or camelCase
 * ({@code pathStyle}).
 */
public final class S3DriverProvider implements DriverProvider {

    @Override
    public Set<String> schemes() {
        return new LinkedHashSet<>(List.of("s3"));
    }

    @Override
    public Set<String> knownSettings() {
        return S3Settings.KNOWN;
    }

    @Override
    public Set<String> requiredSettings() {
        return Set.of("bucket");
    }

    @Override
    public StorageDriver create(DiskConfig config) {
        return new S3Driver(config);
    }

    @Override
    public DiskConfig configFromUri(String diskName, URI uri) {
        DiskConfig parsed = DriverProvider.super.configFromUri(diskName, uri);
        Map<String, String> settings = new LinkedHashMap<>();
        parsed.settings().forEach((k, v) -> settings.put(kebab(k), v));
        return DiskConfig.of(diskName, scheme(), settings);
    }

    /** {@code pathStyle} → {@code path-style}; kebab-case names are kept. */
    static String kebab(String name) {
        StringBuilder b = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    b.append('-');
                }
                b.append(Character.toLowerCase(c));
            } else {
                b.append(c == '_' ? '-' : c);
            }
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }
}
