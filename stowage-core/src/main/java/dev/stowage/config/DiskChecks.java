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
            cycleThrough(config, name).ifPresent(cycle -> problems.add("disks refer to each other in a cycle: "
                    + String.join(" -> ", cycle)));
        }
        return problems;
    }

    /** A cycle of composite disks through {@code start}, if there is one (e.g. {@code [a, b, a]}). */
    static Optional<List<String>> cycleThrough(StowageConfig config, String start) {
        return walk(config, start, start, new ArrayList<>(List.of(start)), new java.util.HashSet<>());
    }

    private static Optional<List<String>> walk(StowageConfig config, String start, String at, List<String> path,
            Set<String> seen) {
        for (String next : membersOf(config, at)) {
            if (next.equals(start)) {
                List<String> cycle = new ArrayList<>(path);
                cycle.add(start);
                return Optional.of(cycle);
            }
            if (seen.add(next)) {
                path.add(next);
                Optional<List<String>> found = walk(config, start, next, path, seen);
                if (found.isPresent()) {
                    return found;
                }
                path.remove(path.size() - 1);
            }
        }
        return Optional.empty();
    }

    private static Set<String> membersOf(StowageConfig config, String name) {
        Optional<DiskConfig> disk = config.disk(name);
        if (disk.isEmpty() || disk.get().driver().isEmpty()) {
            return Set.of();
        }
        return Stowage.provider(disk.get().driver()).filter(p -> p instanceof CompositeDriverProvider)
                .map(p -> ((CompositeDriverProvider) p).members(disk.get())).orElse(Set.of());
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
