package dev.stowage.config;

import dev.stowage.StorageConfigurationException;
import dev.stowage.spi.DiskConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The disks of an application, as configured. Immutable. Sources, in increasing precedence:
 *
 * <ol>
 *   <li>a {@code stowage.properties} file: the path given to the builder, else the file named by
 *       {@code STOWAGE_CONFIG}, else {@code ./stowage.properties} when present;</li>
 *   <li>environment variables: {@code STOWAGE_DEFAULT}, {@code STOWAGE_DISKS_<NAME>_<SETTING>}
 *       (see {@code docs/configuration.md} for the mapping);</li>
 *   <li>properties given to the builder.</li>
 * </ol>
 *
 * <pre>{@code
 * stowage.default=uploads
 * stowage.disks.uploads.driver=s3
 * stowage.disks.uploads.bucket=my-bucket
 * stowage.disks.uploads.secret-key=${AWS_SECRET_ACCESS_KEY}
 * stowage.disks.uploads.retry.max-attempts=4
 * }</pre>
 *
 * <p>Values may refer to environment variables: {@code ${NAME}} or {@code ${NAME:-default}}. With
 * no disk configured anywhere there is one disk, {@code local}, rooted at {@code ./storage}. With
 * {@code stowage.autodetect=true}, disks are also derived from well-known variables (AWS, Azure,
 * Google), below every explicit setting. The environment is injectable so tests never read the
 * real one.
 */
public final class StowageConfig {

    /** The name of the disk used when nothing is configured. */
    public static final String EMBEDDED_DISK = "local";

    private static final String DISKS = "stowage.disks.";

    private final Map<String, String> properties;
    private final Map<String, String> environment;
    private final List<String> sources;

    private StowageConfig(Map<String, String> properties, Map<String, String> environment, List<String> sources) {
        this.properties = Collections.unmodifiableMap(new TreeMap<>(properties));
        this.environment = Map.copyOf(environment);
        this.sources = List.copyOf(sources);
    }

    /** The configuration from {@code ./stowage.properties} (if present) and the process environment. */
    public static StowageConfig load() {
        return builder().build();
    }

    /** A builder reading the process environment unless told otherwise. */
    public static Builder builder() {
        return new Builder();
    }

    /** Every property after merging the sources (values unexpanded; do not print: they may be secrets). */
    public Map<String, String> properties() {
        return properties;
    }

    /** Where the properties came from, for diagnostics ({@code file ./stowage.properties}, {@code environment}...). */
    public List<String> sources() {
        return sources;
    }

    /** The names of the configured disks, sorted. */
    public Set<String> diskNames() {
        Set<String> names = new java.util.TreeSet<>();
        for (String key : properties.keySet()) {
            if (key.startsWith(DISKS)) {
                int dot = key.indexOf('.', DISKS.length());
                if (dot > DISKS.length()) {
                    names.add(key.substring(DISKS.length(), dot));
                }
            }
        }
        return names;
    }

    /**
     * The default disk: {@code stowage.default}, or the only disk when there is one.
     *
     * @throws StorageConfigurationException if several disks exist and none is named default
     */
    public String defaultDisk() {
        String named = properties.get("stowage.default");
        if (named != null && !named.isBlank()) {
            return expand(named.strip(), "stowage.default", new ArrayList<>()).toLowerCase(Locale.ROOT);
        }
        Set<String> names = diskNames();
        if (names.size() == 1) {
            return names.iterator().next();
        }
        throw new StorageConfigurationException(null, "no default disk: set stowage.default (or STOWAGE_DEFAULT) to "
                + "one of " + String.join(", ", names));
    }

    /**
     * The settings of one disk with {@code ${…}} references expanded, or empty if no such disk is
     * configured. A disk without a {@code driver} setting has the driver {@code ""}.
     */
    public Optional<DiskConfig> disk(String name) {
        return resolve(name).map(Resolved::config);
    }

    /** Problems found while reading a disk's settings (unset variables), empty if none. */
    public List<String> problems(String name) {
        return resolve(name).map(Resolved::problems).orElse(List.of());
    }

    record Resolved(DiskConfig config, List<String> problems) {
    }

    Optional<Resolved> resolve(String name) {
        String head = DISKS + name + ".";
        Map<String, String> settings = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        properties.forEach((k, v) -> {
            if (k.startsWith(head)) {
                String setting = EnvironmentMapping.canonicalSetting(k.substring(head.length()));
                settings.put(setting, expand(v, setting, problems));
            }
        });
        if (settings.isEmpty()) {
            return Optional.empty();
        }
        String driver = settings.remove("driver");
        return Optional.of(new Resolved(new DiskConfig(name, driver == null ? "" : driver.strip().toLowerCase(Locale.ROOT),
                settings), List.copyOf(problems)));
    }

    private String expand(String value, String setting, List<String> problems) {
        return Placeholders.expand(value, environment, setting, problems);
    }

    Map<String, String> environment() {
        return environment;
    }

    /** A copy with one property added or replaced (highest precedence). */
    public StowageConfig with(String property, String value) {
        Map<String, String> copy = new TreeMap<>(properties);
        copy.put(property, value);
        List<String> s = new ArrayList<>(sources);
        if (!s.contains("explicit")) {
            s.add("explicit");
        }
        return new StowageConfig(copy, environment, s);
    }

    /** Disk names and drivers, never setting values. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("StowageConfig[");
        for (String name : diskNames()) {
            b.append(name).append('=').append(disk(name).map(DiskConfig::driver).orElse("?")).append(", ");
        }
        return b.append("sources=").append(sources).append(']').toString();
    }

    /** Collects the sources of a {@link StowageConfig}. */
    public static final class Builder {
        private Path file;
        private boolean noFile;
        private Map<String, String> environment;
        private Path workingDirectory = Path.of("");
        private final Map<String, String> explicit = new LinkedHashMap<>();

        private Builder() {
        }

        /** Read this properties file (it must exist). */
        public Builder propertiesFile(Path path) {
            this.file = path;
            return this;
        }

        /** Do not read any properties file. */
        public Builder noPropertiesFile() {
            this.noFile = true;
            return this;
        }

        /** Where {@code ./stowage.properties} is looked for (default: the working directory). */
        public Builder workingDirectory(Path dir) {
            this.workingDirectory = dir;
            return this;
        }

        /** Use this map instead of the process environment (for tests and embedding). */
        public Builder environment(Map<String, String> env) {
            this.environment = Map.copyOf(env);
            return this;
        }

        /** One property, e.g. {@code set("stowage.disks.uploads.driver", "s3")}. */
        public Builder set(String property, String value) {
            explicit.put(property, value);
            return this;
        }

        /** Several properties. */
        public Builder setAll(Map<String, String> properties) {
            explicit.putAll(properties);
            return this;
        }

        /** A disk with its driver and settings ({@code bucket}, {@code retry.max-attempts}...). */
        public Builder disk(String name, String driver, Map<String, String> settings) {
            explicit.put(DISKS + name + ".driver", driver);
            settings.forEach((k, v) -> explicit.put(DISKS + name + "." + k, v));
            return this;
        }

        /** The default disk's name. */
        public Builder defaultDisk(String name) {
            explicit.put("stowage.default", name);
            return this;
        }

        /** Reads and merges the sources. */
        public StowageConfig build() {
            Map<String, String> env = environment != null ? environment : System.getenv();
            List<String> sources = new ArrayList<>();
            Map<String, String> fromFile = new LinkedHashMap<>();
            Path path = file;
            if (path == null && !noFile && env.get("STOWAGE_CONFIG") != null) {
                path = Path.of(env.get("STOWAGE_CONFIG"));
            }
            if (path == null && !noFile) {
                Path candidate = workingDirectory.resolve("stowage.properties");
                if (Files.isRegularFile(candidate)) {
                    path = candidate;
                }
            }
            if (path != null) {
                fromFile.putAll(read(path));
                sources.add("file " + path);
            }
            Map<String, String> fromEnv = EnvironmentMapping.properties(env);
            if (!fromEnv.isEmpty()) {
                sources.add("environment");
            }
            if (!explicit.isEmpty()) {
                sources.add("explicit");
            }
            Map<String, String> merged = new LinkedHashMap<>(fromFile);
            merged.putAll(fromEnv);
            merged.putAll(explicit);
            Map<String, String> normalized = new LinkedHashMap<>();
            merged.forEach((k, v) -> normalized.put(normalizeKey(k), v));
            if (Boolean.parseBoolean(String.valueOf(normalized.get("stowage.autodetect")).strip())) {
                Map<String, String> detected = Autodetect.detect(env);
                if (!detected.isEmpty()) {
                    sources.add("autodetect");
                    Map<String, String> withDetected = new LinkedHashMap<>(detected);
                    withDetected.putAll(normalized);
                    if (!withDetected.containsKey("stowage.default")) {
                        String first = detected.keySet().iterator().next();
                        withDetected.put("stowage.default", first.substring(DISKS.length(), first.indexOf('.', DISKS.length())));
                    }
                    normalized.clear();
                    normalized.putAll(withDetected);
                }
            }
            if (normalized.keySet().stream().noneMatch(k -> k.startsWith(DISKS))) {
                normalized.put(DISKS + EMBEDDED_DISK + ".driver", "local");
                normalized.put(DISKS + EMBEDDED_DISK + ".root", "./storage");
                normalized.putIfAbsent("stowage.default", EMBEDDED_DISK);
                // Said by sources(), not logged: the first System.getLogger of a process looks for
                // logger finders in every jar on the class path, a cost a short command-line run noticed.
                sources.add("embedded default (local disk at ./storage)");
            }
            return new StowageConfig(normalized, env, sources);
        }

        private static String normalizeKey(String key) {
            String k = key.strip();
            if (k.startsWith(DISKS)) {
                int dot = k.indexOf('.', DISKS.length());
                if (dot > 0) {
                    return DISKS + k.substring(DISKS.length(), dot).toLowerCase(Locale.ROOT) + k.substring(dot);
                }
            }
            return k;
        }

        private static Map<String, String> read(Path path) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new StorageConfigurationException(null, "cannot read the configuration file " + path + ": "
                        + e.getMessage(), e);
            }
            Map<String, String> m = new LinkedHashMap<>();
            for (String name : p.stringPropertyNames()) {
                if (name.startsWith("stowage.")) {
                    m.put(name, p.getProperty(name));
                }
            }
            return m;
        }
    }

}
