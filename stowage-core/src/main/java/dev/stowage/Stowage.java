package dev.stowage;

import dev.stowage.spi.DiskConfig;
import dev.stowage.spi.DriverProvider;
import dev.stowage.spi.StorageDriver;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * Entry point: opens a {@link Storage} from a URI or a {@link DiskConfig}, finding the driver
 * through {@link ServiceLoader}.
 *
 * <pre>{@code
 * Stowage.open("memory://test")
 * Stowage.open("file:///var/data")          // or "local:./storage"
 * Stowage.open("s3://bucket/prefix?region=eu-west-1")
 * }</pre>
 */
public final class Stowage {

    /**
     * The async concurrency used when a disk does not set {@code async-concurrency} and its driver
     * asks for no less ({@link StorageDriver#asyncConcurrency()}; local disks ask for 32).
     */
    public static final int DEFAULT_ASYNC_CONCURRENCY = 256;

    private static final Map<String, String> MODULE_OF_SCHEME = Map.of(
            "s3", "dev.stowage:stowage-s3",
            "gcs", "dev.stowage:stowage-gcs", "gs", "dev.stowage:stowage-gcs",
            "azure", "dev.stowage:stowage-azure", "az", "dev.stowage:stowage-azure");

    /**
     * The providers of Stowage's own drivers by scheme, found by class name when their module is
     * present, so that opening such a disk does not read every jar on the class path (what a
     * {@link ServiceLoader} lookup does: a cost a short command-line run notices). Other schemes are
     * looked up with {@link ServiceLoader}.
     */
    private static final Map<String, String> OWN_PROVIDERS = Map.ofEntries(
            Map.entry("local", "dev.stowage.driver.local.LocalDriverProvider"),
            Map.entry("file", "dev.stowage.driver.local.LocalDriverProvider"),
            Map.entry("memory", "dev.stowage.driver.memory.MemoryDriverProvider"),
            Map.entry("routing", "dev.stowage.driver.routing.RoutingDriverProvider"),
            Map.entry("failover", "dev.stowage.driver.failover.FailoverDriverProvider"),
            Map.entry("s3", "dev.stowage.driver.s3.S3DriverProvider"),
            Map.entry("gcs", "dev.stowage.driver.gcs.GcsDriverProvider"),
            Map.entry("gs", "dev.stowage.driver.gcs.GcsDriverProvider"),
            Map.entry("azure", "dev.stowage.driver.azure.AzureDriverProvider"),
            Map.entry("az", "dev.stowage.driver.azure.AzureDriverProvider"));

    private Stowage() {
    }

    /** Opens a disk from a URI string such as {@code s3://bucket?region=…}, or a plain local path. */
    public static Storage open(String location) {
        return open(toUri(location));
    }

    /** Opens a disk from a URI. The disk is named by the URI's {@code name} parameter, if any. */
    public static Storage open(URI uri) {
        String scheme = uri.getScheme();
        if (scheme == null) {
            throw new StorageConfigurationException(null, "'" + uri + "' has no scheme; known schemes: " + knownSchemes());
        }
        DriverProvider provider = requireProvider(null, scheme.toLowerCase(Locale.ROOT));
        Map<String, String> params = DriverProvider.queryParameters(uri);
        String name = params.getOrDefault("name", defaultName(provider, uri));
        DiskConfig config = provider.configFromUri(name, uri);
        Map<String, String> settings = new LinkedHashMap<>(config.settings());
        settings.remove("name");
        return open(new DiskConfig(name, config.driver(), settings));
    }

    /** Opens a disk from its configuration. */
    public static Storage open(DiskConfig config) {
        DriverProvider provider = requireProvider(config.name(), config.driver().toLowerCase(Locale.ROOT));
        StorageDriver driver = provider.create(config);
        try {
            return wrap(driver, config.integer("async-concurrency", driver.asyncConcurrency()),
                    DownloadSettings.from(config));
        } catch (RuntimeException e) {
            driver.close();
            throw e;
        }
    }

    /** The user API over a driver (or a stack of layers) built by hand. */
    public static Storage wrap(StorageDriver driver) {
        return wrap(driver, driver.asyncConcurrency());
    }

    /** The user API over a driver, with at most {@code asyncConcurrency} async operations at once. */
    public static Storage wrap(StorageDriver driver, int asyncConcurrency) {
        return new DefaultStorage(driver, asyncConcurrency);
    }

    /**
     * The user API over a driver, with at most {@code asyncConcurrency} async operations at once and
     * large downloads fetched as {@code downloads} says (where the driver prefers parallel ranged reads).
     */
    public static Storage wrap(StorageDriver driver, int asyncConcurrency, DownloadSettings downloads) {
        return new DefaultStorage(driver, asyncConcurrency, downloads);
    }

    /**
     * The provider for a scheme, if its module is on the class path. A scheme of Stowage's own
     * drivers resolves to that driver whenever its module is present; other schemes to the first
     * provider {@link ServiceLoader} finds.
     */
    public static Optional<DriverProvider> provider(String scheme) {
        String s = scheme.toLowerCase(Locale.ROOT);
        DriverProvider own = ownProvider(s);
        if (own != null) {
            return Optional.of(own);
        }
        for (DriverProvider p : providers()) {
            if (p.schemes().contains(s)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static DriverProvider ownProvider(String scheme) {
        String className = OWN_PROVIDERS.get(scheme);
        if (className == null) {
            return null;
        }
        try {
            Class<?> type = Class.forName(className, true, Stowage.class.getClassLoader());
            if (DriverProvider.class.isAssignableFrom(type)) {
                DriverProvider provider = (DriverProvider) type.getDeclaredConstructor().newInstance();
                return provider.schemes().contains(scheme) ? provider : null;
            }
        } catch (ReflectiveOperationException | LinkageError | RuntimeException notUsable) {
            // module absent or not accessible (e.g. a module that does not open the package): look it up
        }
        return null;
    }

    /** Every provider found on the class path. */
    public static List<DriverProvider> providers() {
        return ServiceLoader.load(DriverProvider.class, Stowage.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get).toList();
    }

    /** The provider for a scheme, or a configuration error naming the module to add. */
    public static DriverProvider requireProvider(String disk, String scheme) {
        return provider(scheme).orElseThrow(() -> {
            String module = MODULE_OF_SCHEME.get(scheme);
            String hint = module != null
                    ? "the '" + scheme + "' driver is not on the class path: add the Maven artifact " + module
                    : "unknown driver '" + scheme + "'";
            return new StorageConfigurationException(disk, hint + "; known drivers: " + knownSchemes());
        });
    }

    private static String knownSchemes() {
        TreeSet<String> schemes = new TreeSet<>();
        providers().forEach(p -> schemes.addAll(p.schemes()));
        return String.join(", ", schemes);
    }

    private static String defaultName(DriverProvider provider, URI uri) {
        String authority = uri.getAuthority();
        if (authority != null && !authority.isEmpty() && !authority.contains("@") && !authority.contains(":")) {
            return authority;
        }
        return provider.scheme();
    }

    private static URI toUri(String location) {
        if (location.matches("[A-Za-z][A-Za-z0-9+.-]*:.*") && !location.matches("[A-Za-z]:\\\\.*")) {
            try {
                return new URI(location);
            } catch (URISyntaxException e) {
                throw new StorageConfigurationException(null, "'" + location + "' is not a valid URI: " + e.getMessage());
            }
        }
        return Path.of(location).toAbsolutePath().normalize().toUri();
    }
}
