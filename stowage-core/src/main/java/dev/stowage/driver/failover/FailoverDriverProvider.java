package dev.stowage.driver.failover;

import dev.stowage.StorageConfigurationException;
import dev.stowage.config.CompositeDriverProvider;
import dev.stowage.config.MemberDisks;
import dev.stowage.spi.DiskConfig;
import dev.stowage.spi.StorageDriver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Registers the {@code failover} driver:
 *
 * <pre>
 * stowage.disks.safe.driver=failover
 * stowage.disks.safe.primary=s3
 * stowage.disks.safe.fallbacks=local            # comma-separated, tried in order
 * stowage.disks.safe.journal=/var/lib/app/safe.journal  # or journal-disk=<a disk>
 * stowage.disks.safe.failure-threshold=3        # consecutive failures that open a circuit
 * stowage.disks.safe.open-duration=5s           # how long before one probe call
 * stowage.disks.safe.read-fallback-on-missing=false
 * stowage.disks.safe.delete-fallback-copies=true
 * stowage.disks.safe.reconcile-interval=30s     # background reconcile; off when absent
 * </pre>
 */
public final class FailoverDriverProvider implements CompositeDriverProvider {

    /** Where the journal goes when {@code journal} is not set: {@code .stowage/failover-<disk>.journal}. */
    public static Path defaultJournal(String disk) {
        return Path.of(".stowage", "failover-" + disk + ".journal");
    }

    @Override
    public Set<String> schemes() {
        return Set.of("failover");
    }

    @Override
    public Set<String> knownSettings() {
        return Set.of("primary", "fallbacks", "journal", "journal-disk", "failure-threshold", "open-duration",
                "read-fallback-on-missing", "delete-fallback-copies", "reconcile-interval");
    }

    @Override
    public Set<String> requiredSettings() {
        return Set.of("primary", "fallbacks");
    }

    @Override
    public StorageDriver create(DiskConfig config, MemberDisks members) {
        List<String> problems = problems(config, members.names());
        if (!problems.isEmpty()) {
            throw new StorageConfigurationException(config.name(), String.join("; ", problems));
        }
        FailoverDriver.Builder b = FailoverDriver.builder(config.name())
                .primary(members.driver(config.require("primary")))
                .journal(config.get("journal").map(Path::of).orElse(defaultJournal(config.name())))
                .circuitBreaker(config.integer("failure-threshold", 3),
                        config.duration("open-duration", Duration.ofSeconds(5)))
                .readFallbackOnMissing(config.bool("read-fallback-on-missing", false))
                .deleteFallbackCopies(config.bool("delete-fallback-copies", true))
                .reconcileEvery(config.duration("reconcile-interval", null));
        for (String f : fallbacks(config)) {
            b.fallback(members.driver(f));
        }
        config.get("journal-disk").ifPresent(name -> b.journalOn(members.driver(name)));
        return b.build();
    }

    @Override
    public List<String> problems(DiskConfig config, Set<String> diskNames) {
        List<String> problems = new ArrayList<>();
        String primary = config.get("primary").orElse(null);
        List<String> fallbacks = fallbacks(config);
        if (primary != null) {
            check(problems, config.name(), "primary", primary, diskNames);
        }
        for (String f : fallbacks) {
            check(problems, config.name(), "fallbacks", f, diskNames);
            if (f.equals(primary)) {
                problems.add("disk '" + f + "' is both the primary and a fallback");
            }
        }
        config.get("journal-disk").ifPresent(j -> {
            check(problems, config.name(), "journal-disk", j, diskNames);
            if (j.equals(primary) || fallbacks.contains(j)) {
                problems.add("the journal disk '" + j + "' must not be a member of the failover disk: it must stay "
                        + "writable when they fail");
            }
            if (config.get("journal").isPresent()) {
                problems.add("set either 'journal' (a file) or 'journal-disk', not both");
            }
        });
        try {
            if (config.integer("failure-threshold", 3) < 1) {
                problems.add("setting 'failure-threshold' must be at least 1");
            }
            config.duration("open-duration", null);
            config.duration("reconcile-interval", null);
            config.bool("read-fallback-on-missing", false);
            config.bool("delete-fallback-copies", true);
        } catch (StorageConfigurationException e) {
            problems.add(e.reason());
        }
        return problems;
    }

    private static void check(List<String> problems, String self, String setting, String name, Set<String> diskNames) {
        if (name.equals(self)) {
            problems.add("setting '" + setting + "' names the failover disk itself");
        } else if (!diskNames.contains(name)) {
            problems.add("setting '" + setting + "' names disk '" + name + "', which is not configured");
        }
    }

    @Override
    public Set<String> members(DiskConfig config) {
        Set<String> names = new java.util.LinkedHashSet<>();
        config.get("primary").ifPresent(names::add);
        names.addAll(fallbacks(config));
        config.get("journal-disk").ifPresent(names::add);
        return names;
    }

    static List<String> fallbacks(DiskConfig config) {
        return config.get("fallbacks").map(v -> Arrays.stream(v.split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList()).orElse(List.of());
    }
}
