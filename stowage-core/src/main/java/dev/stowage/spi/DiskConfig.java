package dev.stowage.spi;

import dev.stowage.StorageConfigurationException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings of one disk: its name, its driver and a flat map of string settings with typed
 * accessors. Setting names are kebab-case ({@code path-style}, {@code access-key}). Immutable.
 *
 * <p>{@link #toString()} masks every setting whose name suggests a secret.
 *
 * @param name the disk name
 * @param driver the driver scheme ({@code local}, {@code s3}...)
 * @param settings the settings, without the {@code driver} entry
 */
public record DiskConfig(String name, String driver, Map<String, String> settings) {

    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(secret|password|passwd|token|credential|connection-string|account-key|private-key|sas|signing).*");
    private static final Pattern SIZE = Pattern.compile("(?i)\\s*(\\d+)\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?\\s*");

    public DiskConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(driver, "driver");
        settings = Map.copyOf(new TreeMap<>(settings));
    }

    /** A config with no settings. */
    public static DiskConfig of(String name, String driver) {
        return new DiskConfig(name, driver, Map.of());
    }

    /** A config with the given settings. */
    public static DiskConfig of(String name, String driver, Map<String, String> settings) {
        return new DiskConfig(name, driver, settings);
    }

    /** A copy with one setting added or replaced. */
    public DiskConfig with(String key, String value) {
        Map<String, String> copy = new TreeMap<>(settings);
        copy.put(key, value);
        return new DiskConfig(name, driver, copy);
    }

    /** A copy with {@code defaults} filled in where this config has no value. */
    public DiskConfig withDefaults(Map<String, String> defaults) {
        Map<String, String> copy = new TreeMap<>(defaults);
        copy.putAll(settings);
        return new DiskConfig(name, driver, copy);
    }

    /** A setting, if present and not blank. */
    public Optional<String> get(String key) {
        String v = settings.get(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    /** A setting or a default. */
    public String get(String key, String defaultValue) {
        return get(key).orElse(defaultValue);
    }

    /** A setting that must be present. */
    public String require(String key) {
        return get(key).orElseThrow(() -> new StorageConfigurationException(name,
                "the " + driver + " driver needs the setting '" + key + "' (stowage.disks." + name + "." + key + ")"));
    }

    /** A boolean setting ({@code true}/{@code false}, {@code yes}/{@code no}, {@code 1}/{@code 0}). */
    public boolean bool(String key, boolean defaultValue) {
        return get(key).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw invalid(key, v, "true or false");
        }).orElse(defaultValue);
    }

    /** An integer setting. */
    public int integer(String key, int defaultValue) {
        return get(key).map(v -> {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw invalid(key, v, "an integer");
            }
        }).orElse(defaultValue);
    }

    /** A size in bytes: {@code 1048576}, {@code 16MiB}, {@code 8mb}, {@code 1g} (binary units). */
    public long size(String key, long defaultValue) {
        return get(key).map(v -> {
            Matcher m = SIZE.matcher(v);
            if (!m.matches()) {
                throw invalid(key, v, "a size such as 16MiB");
            }
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
            return switch (unit.charAt(0)) {
                case 'k' -> n << 10;
                case 'm' -> n << 20;
                case 'g' -> n << 30;
                default -> n;
            };
        }).orElse(defaultValue);
    }

    /** A duration: ISO-8601 ({@code PT30S}) or {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}. */
    public Duration duration(String key, Duration defaultValue) {
        return get(key).map(v -> parseDuration(key, v)).orElse(defaultValue);
    }

    private Duration parseDuration(String key, String v) {
        try {
            if (v.startsWith("P") || v.startsWith("p")) {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            }
            Matcher m = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)").matcher(v.toLowerCase(Locale.ROOT));
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
            return Duration.ofMillis(Long.parseLong(v));
        } catch (RuntimeException e) {
            throw invalid(key, v, "a duration such as 30s, 500ms or PT1M");
        }
    }

    /** Whether a setting name suggests a secret that must never be printed. */
    public static boolean isSecret(String settingName) {
        return SECRET_NAME.matcher(settingName).matches();
    }

    /** The settings with secret values replaced by {@code ****}. */
    public Map<String, String> maskedSettings() {
        Map<String, String> masked = new TreeMap<>();
        settings.forEach((k, v) -> masked.put(k, isSecret(k) ? "****" : v));
        return masked;
    }

    /** Setting names present here that are not in {@code known}: for "unknown setting" checks. */
    public Set<String> unknownSettings(Set<String> known) {
        Set<String> unknown = new java.util.TreeSet<>(settings.keySet());
        unknown.removeAll(known);
        return unknown;
    }

    private StorageConfigurationException invalid(String key, String value, String expected) {
        String shown = isSecret(key) ? "****" : value;
        return new StorageConfigurationException(name,
                "setting '" + key + "' must be " + expected + ", got '" + shown + "'");
    }

    @Override
    public String toString() {
        return "DiskConfig[name=" + name + ", driver=" + driver + ", settings=" + maskedSettings() + "]";
    }
}
