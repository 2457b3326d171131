package dev.stowage.config;

import dev.stowage.StorageConfigurationException;
import dev.stowage.Stowage;
import dev.stowage.layer.Layers;
import dev.stowage.spi.DiskConfig;
import dev.stowage.spi.DriverProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Finds every problem of a disk's configuration without creating the disk. */
final class DiskChecks {

    private DiskChecks() {
    }

    static List<String> problems(StowageConfig config, String name) {
        List<String> problems = new ArrayList<>();
        Optional<StowageConfig.Resolved> resolved = config.resolve(name);
        if (resolved.isEmpty()) {
            problems.add(unknownDisk(config, name));
            return problems;
        }
        DiskConfig disk = resolved.get().config();
        problems.addAll(resolved.get().problems());
        if (disk.driver().isEmpty()) {
            problems.add("no driver set (stowage.disks." + name + ".driver); known drivers: " + knownDrivers());
            return problems;
        }
        DriverProvider provider;
        try {
            provider = Stowage.requireProvider(name, disk.driver());
        } catch (StorageConfigurationException e) {
            problems.add(e.reason());
            return problems;
        }
        for (String required : new TreeSet<>(provider.requiredSettings())) {
            if (disk.get(required).isEmpty()) {
                problems.add("the " + disk.driver() + " driver needs the setting '" + required + "' (stowage.disks."
                        + name + "." + required + ")");
            }
        }
        Set<String> known = new TreeSet<>(provider.knownSettings());
        if (!known.isEmpty() || provider instanceof CompositeDriverProvider) {
            known.addAll(Layers.SETTINGS);
            known.addAll(provider.requiredSettings());
            for (String unknown : disk.unknownSettings(known)) {
                if (provider instanceof CompositeDriverProvider && isIndexed(unknown)) {
                    continue;
                }
                String hint = EditDistance.closest(unknown, known).map(k -> "; did you mean '" + k + "'?").orElse("");
                problems.add("unknown setting '" + unknown + "' for the " + disk.driver() + " driver" + hint);
            }
        }
        problems.addAll(Layers.problems(disk));
        if (provider instanceof CompositeDriverProvider composite) {
            problems.addAll(composite.problems(disk, config.diskNames()));
        }
        return problems;
    }

    private static boolean isIndexed(String setting) {
        return setting.matches("[a-z-]+\\[\\d+\\]");
    }

    static String unknownDisk(StowageConfig config, String name) {
        Set<String> names = config.diskNames();
        String hint = EditDistance.closest(name, names).map(n -> "; did you mean '" + n + "'?").orElse("");
        return "no disk named '" + name + "' is configured (configured: " + String.join(", ", names) + ")" + hint;
    }

    private static String knownDrivers() {
        Set<String> schemes = new TreeSet<>();
        Stowage.providers().forEach(p -> schemes.addAll(p.schemes()));
        return String.join(", ", schemes);
    }

    /** One message for several problems. */
    static String describe(List<String> problems) {
        if (problems.size() == 1) {
            return problems.get(0);
        }
        StringBuilder b = new StringBuilder(problems.size() + " problems:");
        for (String p : problems) {
            b.append("\n  - ").append(p);
        }
        return b.toString();
    }
}
