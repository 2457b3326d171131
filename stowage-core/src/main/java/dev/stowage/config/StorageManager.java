package dev.stowage.config;

import dev.stowage.Storage;
import dev.stowage.StorageConfigurationException;
import dev.stowage.StorageException;
import dev.stowage.Stowage;
import dev.stowage.layer.Layers;
import dev.stowage.layer.OperationListener;
import dev.stowage.spi.DiskConfig;
import dev.stowage.spi.DriverProvider;
import dev.stowage.spi.StorageDriver;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The named disks of an application, built from a {@link StowageConfig}: each disk is created on
 * first use, exactly once, then shared. Thread-safe; creating one disk (which may connect to a
 * provider) never blocks the creation of another.
 *
 * <pre>{@code
 * try (StorageManager disks = StorageManager.of(StowageConfig.load())) {
 *     disks.validate();                       // at startup: every problem of every disk at once
 *     Storage uploads = disks.disk("uploads");
 *     Storage main = disks.defaultDisk();
 * }
 * }</pre>
 *
 * <p>Each disk is its driver wrapped in the layers its settings ask for ({@link Layers}), under its
 * key {@code prefix} when it has one. Routing and failover disks find their members here.
 * {@link #close()} closes every disk created, composite disks before their members.
 */
public final class StorageManager implements AutoCloseable {

    private record Disk(StorageDriver driver, Storage storage) {
    }

    private final StowageConfig config;
    private final List<OperationListener> listeners;
    private final ConcurrentHashMap<String, CompletableFuture<Disk>> disks = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<Disk> created = new ConcurrentLinkedDeque<>();
    private final ThreadLocal<Deque<String>> building = ThreadLocal.withInitial(ArrayDeque::new);
    private volatile boolean closed;

    private StorageManager(StowageConfig config, List<OperationListener> listeners) {
        this.config = config;
        this.listeners = List.copyOf(listeners);
    }

    /** A manager over {@code config}. */
    public static StorageManager of(StowageConfig config) {
        return new StorageManager(config, List.of());
    }

    /** A manager over {@code config} whose disks report every operation to {@code listeners}. */
    public static StorageManager of(StowageConfig config, List<OperationListener> listeners) {
        return new StorageManager(config, listeners);
    }

    /** A manager over {@link StowageConfig#load()}. */
    public static StorageManager load() {
        return of(StowageConfig.load());
    }

    /** The configuration. */
    public StowageConfig config() {
        return config;
    }

    /** The configured disk names, sorted. */
    public Set<String> names() {
        return config.diskNames();
    }

    /** The default disk ({@code stowage.default}). */
    public Storage defaultDisk() {
        return disk(config.defaultDisk());
    }

    /**
     * The disk named {@code name}, created on first call.
     *
     * @throws StorageConfigurationException listing every problem of the disk's configuration
     */
    public Storage disk(String name) {
        return get(name).storage();
    }

    private Disk get(String name) {
        if (closed) {
            throw new IllegalStateException("this StorageManager is closed");
        }
        Deque<String> chain = building.get();
        if (chain.contains(name)) {
            List<String> cycle = new ArrayList<>(chain.reversed());
            cycle.add(name);
            throw new StorageConfigurationException(name, "disks refer to each other in a cycle: "
                    + String.join(" -> ", cycle.subList(cycle.indexOf(name), cycle.size())));
        }
        CompletableFuture<Disk> existing = disks.get(name);
        if (existing == null) {
            CompletableFuture<Disk> mine = new CompletableFuture<>();
            existing = disks.putIfAbsent(name, mine);
            if (existing == null) {
                chain.push(name);
                try {
                    Disk disk = build(name);
                    created.push(disk);
                    mine.complete(disk);
                    if (closed) {
                        disk.storage().close();
                    }
                    return disk;
                } catch (RuntimeException | Error e) {
                    disks.remove(name, mine);
                    mine.completeExceptionally(e);
                    throw e;
                } finally {
                    chain.pop();
                }
            }
        }
        try {
            return existing.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    private Disk build(String name) {
        List<String> problems = DiskChecks.problems(config, name);
        if (!problems.isEmpty()) {
            throw new StorageConfigurationException(name, DiskChecks.describe(problems));
        }
        DiskConfig disk = config.disk(name).orElseThrow();
        DriverProvider provider = Stowage.requireProvider(name, disk.driver());
        boolean driverDoesPrefix = provider.knownSettings().contains("prefix");
        DiskConfig driverConfig = driverSettings(disk, driverDoesPrefix);
        StorageDriver driver = provider instanceof CompositeDriverProvider composite
                ? composite.create(driverConfig, new Members())
                : provider.create(driverConfig);
        try {
            StorageDriver stack = Layers.fromSettings(disk, listeners, !driverDoesPrefix).build(driver);
            return new Disk(stack, Stowage.wrap(stack, disk.integer("async-concurrency", stack.asyncConcurrency()),
                    dev.stowage.DownloadSettings.from(disk)));
        } catch (RuntimeException e) {
            driver.close();
            throw e;
        }
    }

    private static DiskConfig driverSettings(DiskConfig disk, boolean keepPrefix) {
        Map<String, String> settings = new LinkedHashMap<>(disk.settings());
        settings.keySet().removeIf(k -> Layers.SETTINGS.contains(k) && !(keepPrefix && k.equals("prefix"))
                && !k.equals("async-concurrency"));
        return new DiskConfig(disk.name(), disk.driver(), settings);
    }

    /**
     * Every problem of every configured disk, by disk name; disks without problems are absent.
     * Checks settings without creating disks.
     */
    public Map<String, List<String>> problems() {
        Map<String, List<String>> all = new LinkedHashMap<>();
        for (String name : names()) {
            List<String> p = DiskChecks.problems(config, name);
            if (!p.isEmpty()) {
                all.put(name, p);
            }
        }
        try {
            String def = config.defaultDisk();
            if (!names().contains(def)) {
                all.computeIfAbsent(def, k -> new ArrayList<>()).add("stowage.default names disk '" + def
                        + "', which is not configured");
            }
        } catch (StorageException e) {
            all.computeIfAbsent("(default)", k -> new ArrayList<>()).add(e.reason());
        }
        return all;
    }

    /**
     * Checks every disk's settings, then creates each disk (which may reach its provider), and
     * fails with one message listing every problem of every disk. Call it at startup.
     *
     * @throws StorageConfigurationException naming each disk and each of its problems
     */
    public void validate() {
        Map<String, List<String>> all = problems();
        for (String name : names()) {
            if (!all.containsKey(name)) {
                try {
                    get(name);
                } catch (StorageException e) {
                    all.computeIfAbsent(name, k -> new ArrayList<>()).add(e.reason());
                }
            }
        }
        if (!all.isEmpty()) {
            StringBuilder b = new StringBuilder("the storage configuration has problems");
            all.forEach((disk, list) -> {
                b.append("\n disk '").append(disk).append("':");
                list.forEach(p -> b.append("\n  - ").append(p.replace("\n", "\n    ")));
            });
            throw new StorageConfigurationException(null, b.toString());
        }
    }

    /** Closes every disk created, the most recently created (composites) first. Idempotent. */
    @Override
    public void close() {
        closed = true;
        RuntimeException first = null;
        Disk d;
        while ((d = created.poll()) != null) {
            try {
                d.storage().close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public String toString() {
        return "StorageManager[disks=" + names() + ", created=" + disks.keySet() + "]";
    }

    private final class Members implements MemberDisks {
        @Override
        public Set<String> names() {
            return config.diskNames();
        }

        @Override
        public StorageDriver driver(String name) {
            return get(name).driver();
        }
    }
}
