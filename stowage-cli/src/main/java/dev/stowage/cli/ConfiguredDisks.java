package dev.stowage.cli;

import dev.stowage.Storage;
import dev.stowage.StorageConfigurationException;
import dev.stowage.config.StorageManager;
import dev.stowage.config.StowageConfig;
import dev.stowage.spi.DiskConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The catalog of configured disks: {@code --config FILE}, else {@code $STOWAGE_CONFIG}, else
 * {@code ./stowage.properties}, plus the environment ({@code STOWAGE_DISKS_<NAME>_<SETTING>}), read
 * through {@link StowageConfig} on first use. With nothing configured it is the embedded default
 * ({@link EmbeddedDisks}: {@code local} at {@code ./storage}). Relative local roots are resolved
 * against the working directory. Disks are created by one {@link StorageManager}, closed with it.
 */
final class ConfiguredDisks implements DiskCatalog, AutoCloseable {
    /** The {@link DiskRef#spec()} prefix of a configured disk: {@code configured:NAME}. */
    static final String SPEC_PREFIX = "configured:";

    private final Path workingDir;
    private final Map<String, String> environment;
    private final EmbeddedDisks embedded;
    private Path configFile;
    private StowageConfig config;
    private StorageManager manager;

    /**
     * @param workingDir where {@code ./stowage.properties} and relative paths are looked for
     * @param environment the environment to read ({@code System.getenv()} in a real process)
     */
    ConfiguredDisks(Path workingDir, Map<String, String> environment) {
        this.workingDir = workingDir;
        this.environment = Map.copyOf(environment);
        this.embedded = new EmbeddedDisks(workingDir);
    }

    /** Read this file instead of looking for one ({@code --config}); must be called before first use. */
    void configFile(Path file) {
        this.configFile = file;
    }

    /** The configuration, read on first call. */
    StowageConfig config() {
        if (config == null) {
            StowageConfig.Builder b = StowageConfig.builder().workingDirectory(workingDir).environment(environment);
            if (configFile != null) {
                Path file = workingDir.resolve(configFile);
                if (!Files.isRegularFile(file)) {
                    throw CliException.configuration("configuration file '" + configFile + "' does not exist");
                }
                b.propertiesFile(file);
            }
            StowageConfig read = b.build();
            for (String name : read.diskNames()) {
                Optional<DiskConfig> disk = read.disk(name);
                if (disk.isPresent() && disk.get().driver().equals("local") && !embeddedOnly(read)) {
                    String root = disk.get().settings().get("root");
                    if (root != null && !root.isBlank() && !root.contains("${") && !Path.of(root).isAbsolute()) {
                        read = read.with("stowage.disks." + name + ".root", workingDir.resolve(root).normalize().toString());
                    }
                }
            }
            config = read;
        }
        return config;
    }

    /**
     * The configuration with some properties removed or replaced, read again from the merged
     * properties (so {@code ${...}} references still expand against this run's environment).
     */
    StowageConfig rebuilt(Map<String, String> properties) {
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.keySet().removeIf(k -> k.startsWith("STOWAGE_") && !k.equals("STOWAGE_CONFIG"));
        env.remove("STOWAGE_CONFIG");
        return StowageConfig.builder().noPropertiesFile().environment(env).workingDirectory(workingDir)
                .setAll(properties).build();
    }

    /** Whether nothing is configured, so the embedded default disk is all there is. */
    boolean embeddedOnly() {
        return embeddedOnly(config());
    }

    private static boolean embeddedOnly(StowageConfig c) {
        return c.sources().stream().anyMatch(s -> s.startsWith("embedded default"));
    }

    /** The manager creating the configured disks (created on first call). */
    StorageManager manager() {
        if (manager == null) {
            manager = StorageManager.of(config());
        }
        return manager;
    }

    /** The configured disk {@code name}, created on first use. */
    Storage open(String name) {
        return manager().disk(name);
    }

    /** Secret setting values of a configured disk, to mask in messages. */
    Set<String> secretValues(String name) {
        Set<String> secrets = new LinkedHashSet<>();
        config().disk(name).ifPresent(d -> d.settings().forEach((k, v) -> {
            if (DiskConfig.isSecret(k) && v != null && v.length() >= 4) {
                secrets.add(v);
            }
        }));
        return secrets;
    }

    @Override
    public DiskRef defaultDisk() {
        if (embeddedOnly()) {
            return embedded.defaultDisk();
        }
        return ref(config().defaultDisk());
    }

    @Override
    public Optional<DiskRef> named(String name) {
        if (embeddedOnly()) {
            return embedded.named(name);
        }
        String n = name.toLowerCase(java.util.Locale.ROOT);
        return config().diskNames().contains(n) ? Optional.of(ref(n)) : Optional.empty();
    }

    @Override
    public Set<String> names() {
        return embeddedOnly() ? embedded.names() : config().diskNames();
    }

    private static DiskRef ref(String name) {
        if (name.isEmpty()) {
            throw new StorageConfigurationException(null, "empty disk name");
        }
        return new DiskRef(SPEC_PREFIX + name, name);
    }

    @Override
    public void close() {
        if (manager != null) {
            manager.close();
        }
    }
}
