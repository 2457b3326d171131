package dev.stowage.config;

import dev.stowage.layer.Layers;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns environment variables into configuration properties.
 *
 * <ul>
 *   <li>{@code STOWAGE_DEFAULT} → {@code stowage.default}; {@code STOWAGE_AUTODETECT} → {@code stowage.autodetect};</li>
 *   <li>{@code STOWAGE_DISKS_<NAME>_<SETTING>} → {@code stowage.disks.<name>.<setting>}: the disk name
 *       is lower-cased and ends at the first single underscore; a double underscore inside the
 *       name stands for a dash ({@code STOWAGE_DISKS_TENANT__A_PREFIX} → disk {@code tenant-a});
 *       in the setting every underscore becomes a dash and the name is lower-cased
 *       ({@code PATH_STYLE} → {@code path-style}); layer settings find their dots again
 *       ({@code RETRY_MAX_ATTEMPTS} → {@code retry.max-attempts}, {@code TIMEOUT_READ} →
 *       {@code timeout.read}); {@code RULES_0} → {@code rules[0]}.</li>
 * </ul>
 */
final class EnvironmentMapping {
    private static final Pattern INDEXED = Pattern.compile("([a-z-]+)-(\\d+)");

    private EnvironmentMapping() {
    }

    static Map<String, String> properties(Map<String, String> env) {
        Map<String, String> props = new TreeMap<>();
        env.forEach((name, value) -> {
            if (name.equals("STOWAGE_DEFAULT")) {
                props.put("stowage.default", value);
            } else if (name.equals("STOWAGE_AUTODETECT")) {
                props.put("stowage.autodetect", value);
            } else if (name.startsWith("STOWAGE_DISKS_")) {
                String property = diskProperty(name.substring("STOWAGE_DISKS_".length()));
                if (property != null) {
                    props.put(property, value);
                }
            }
        });
        return props;
    }

    private static String diskProperty(String rest) {
        StringBuilder disk = new StringBuilder();
        int i = 0;
        while (i < rest.length()) {
            char c = rest.charAt(i);
            if (c == '_') {
                if (i + 1 < rest.length() && rest.charAt(i + 1) == '_') {
                    disk.append('-');
                    i += 2;
                    continue;
                }
                break;
            }
            disk.append(c);
            i++;
        }
        if (disk.isEmpty() || i >= rest.length() - 1) {
            return null;
        }
        String setting = rest.substring(i + 1).toLowerCase(Locale.ROOT).replace('_', '-');
        return "stowage.disks." + disk.toString().toLowerCase(Locale.ROOT) + "." + canonicalSetting(setting);
    }

    /** Restores dots and indexes that an environment name cannot carry. */
    static String canonicalSetting(String setting) {
        Matcher m = INDEXED.matcher(setting);
        if (m.matches() && (m.group(1).equals("rules") || m.group(1).equals("fallbacks"))) {
            return m.group(1) + "[" + m.group(2) + "]";
        }
        return Layers.canonicalName(setting);
    }
}
