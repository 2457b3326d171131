package dev.stowage.spi;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Creates drivers for one or more URI schemes; found with {@link java.util.ServiceLoader}. A driver
 * module registers its provider in {@code META-INF/services/dev.stowage.spi.DriverProvider}.
 */
public interface DriverProvider {

    /** The schemes this provider serves, first the canonical one (e.g. {@code gcs}, {@code gs}). */
    Set<String> schemes();

    /** The canonical scheme. */
    default String scheme() {
        return schemes().iterator().next();
    }

    /**
     * The settings this driver understands, for "unknown setting" and "did you mean" checks.
     * An empty set means "do not check".
     */
    default Set<String> knownSettings() {
        return Set.of();
    }

    /**
     * The settings this driver cannot work without (e.g. {@code bucket}), so that a configuration
     * check can list every missing one at once instead of failing on the first. Default: none.
     */
    default Set<String> requiredSettings() {
        return Set.of();
    }

    /** Builds a driver for the disk. Fails with {@link dev.stowage.StorageConfigurationException}. */
    StorageDriver create(DiskConfig config);

    /**
     * Turns a URI of this provider's scheme into disk settings. Default: the authority becomes
     * {@code bucket}, the path (without leading slash) becomes {@code prefix}, query parameters
     * become settings.
     */
    default DiskConfig configFromUri(String diskName, URI uri) {
        Map<String, String> settings = new LinkedHashMap<>(queryParameters(uri));
        if (uri.getAuthority() != null && !uri.getAuthority().isEmpty()) {
            settings.put("bucket", uri.getAuthority());
        }
        String path = uri.getPath();
        if (path != null && path.length() > 1) {
            String prefix = path.substring(1);
            settings.put("prefix", prefix.endsWith("/") ? prefix : prefix + "/");
        }
        return DiskConfig.of(diskName, scheme(), settings);
    }

    /** Decoded query parameters of a URI, in order. */
    static Map<String, String> queryParameters(URI uri) {
        Map<String, String> params = new LinkedHashMap<>();
        String query = uri.getRawQuery();
        if (query == null || query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "true" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return params;
    }
}
