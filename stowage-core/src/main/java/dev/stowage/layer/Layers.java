package dev.stowage.layer;

import dev.stowage.Operation;
import dev.stowage.StorageException;
import dev.stowage.spi.DiskConfig;
import dev.stowage.spi.StorageDriver;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Stacks layers around a driver in the one order that works, whatever order the builder methods
 * are called in. From the outside in:
 *
 * <ol>
 *   <li>{@link ObservationLayer}: measures what the caller experiences, retries and waiting included;</li>
 *   <li>{@link LoggingLayer}: one line per caller operation, not one per attempt;</li>
 *   <li>{@link ReadOnlyLayer}: refuses writes before they take a permit or a retry;</li>
 *   <li>{@link ConcurrencyLimitLayer}: bounds operations in flight; a retrying call keeps its permit
 *       so trouble slows callers down instead of multiplying requests;</li>
 *   <li>{@link RetryLayer}: repeats failed attempts within its budget;</li>
 *   <li>{@link TimeoutLayer}: bounds each attempt, so a hung attempt becomes a retryable failure;</li>
 *   <li>{@link PrefixLayer}: innermost, right on the driver, so every layer above sees and reports
 *       the keys as the application named them.</li>
 * </ol>
 *
 * <p>Routing and failover disks are drivers themselves: their members carry their own stacks.
 *
 * <pre>{@code
 * StorageDriver stack = Layers.builder().retry(RetryPolicy.DEFAULT).timeout(Duration.ofSeconds(10))
 *         .prefix("tenants/a/").build(driver);
 * }</pre>
 */
public final class Layers {

    /**
     * Setting names every disk has, read by the layers and the front end ({@code async-concurrency},
     * {@code download.*}: {@link dev.stowage.DownloadSettings}) rather than by the driver.
     */
    public static final Set<String> SETTINGS = Set.of("prefix", "read-only", "max-concurrency", "log", "observe",
            "retry.max-attempts", "retry.base-delay", "retry.max-delay", "retry.budget", "retry.budget-per-second",
            "timeout", "timeout.write", "timeout.read", "timeout.stat", "timeout.list", "timeout.delete",
            "timeout.copy", "timeout.move", "async-concurrency", "download.threshold", "download.part-size",
            "download.concurrency");

    private static final Map<String, Operation> TIMEOUT_OPS = Map.of("write", Operation.WRITE, "read", Operation.READ,
            "stat", Operation.STAT, "list", Operation.LIST, "delete", Operation.DELETE, "copy", Operation.COPY,
            "move", Operation.MOVE);

    private Layers() {
    }

    /** An empty stack. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The stack a disk's settings ask for ({@code retry.*}, {@code timeout*}, {@code read-only},
     * {@code max-concurrency}, {@code log}, {@code prefix} when {@code applyPrefix}), observed by
     * {@code listeners} unless {@code observe=false}.
     *
     * @throws dev.stowage.StorageConfigurationException if a setting has an invalid value
     */
    public static Builder fromSettings(DiskConfig config, List<OperationListener> listeners, boolean applyPrefix) {
        Builder b = new Builder();
        if (config.bool("observe", true) && !listeners.isEmpty()) {
            b.observe(listeners);
        }
        String log = config.get("log", "off").toLowerCase(Locale.ROOT);
        switch (log) {
            case "off", "false", "none" -> { }
            case "true", "on", "debug" -> b.log(Level.DEBUG);
            case "trace" -> b.log(Level.TRACE);
            case "info" -> b.log(Level.INFO);
            default -> throw new dev.stowage.StorageConfigurationException(config.name(),
                    "setting 'log' must be off, trace, debug or info, got '" + log + "'");
        }
        if (config.bool("read-only", false)) {
            b.readOnly();
        }
        int max = config.integer("max-concurrency", 0);
        if (max > 0) {
            b.maxConcurrency(max);
        }
        if (config.settings().keySet().stream().anyMatch(k -> k.startsWith("retry."))) {
            RetryPolicy d = RetryPolicy.DEFAULT;
            try {
                b.retry(new RetryPolicy(config.integer("retry.max-attempts", d.maxAttempts()),
                        config.duration("retry.base-delay", d.baseDelay()), config.duration("retry.max-delay", d.maxDelay()),
                        config.integer("retry.budget", d.budget()),
                        Double.parseDouble(config.get("retry.budget-per-second", String.valueOf(d.budgetPerSecond())))));
            } catch (IllegalArgumentException e) {
                throw new dev.stowage.StorageConfigurationException(config.name(), e.getMessage());
            }
        }
        Duration timeout = config.duration("timeout", null);
        Map<Operation, Duration> perOp = new EnumMap<>(Operation.class);
        TIMEOUT_OPS.forEach((name, op) -> {
            Duration d = config.duration("timeout." + name, null);
            if (d != null) {
                perOp.put(op, d);
            }
        });
        if (timeout != null || !perOp.isEmpty()) {
            b.timeout(timeout == null ? Duration.ofDays(1) : timeout, perOp);
        }
        if (applyPrefix) {
            config.get("prefix").ifPresent(b::prefix);
        }
        return b;
    }

    /**
     * Every problem of the layer settings of a disk (invalid values), empty when they are fine.
     * Used by configuration checks that list all problems at once.
     */
    public static List<String> problems(DiskConfig config) {
        List<String> problems = new ArrayList<>();
        check(problems, () -> fromSettings(config, List.of(), false));
        check(problems, () -> dev.stowage.DownloadSettings.from(config));
        config.get("prefix").ifPresent(p -> check(problems, () -> new PrefixLayer(
                new dev.stowage.driver.memory.MemoryDriver(config.name()), p)));
        return problems;
    }

    private static void check(List<String> problems, Runnable r) {
        try {
            r.run();
        } catch (StorageException e) {
            problems.add(e.reason());
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
    }

    /**
     * The canonical name of a layer setting written with dashes only, as environment variables
     * produce them: {@code retry-max-attempts} → {@code retry.max-attempts}; other names unchanged.
     */
    public static String canonicalName(String setting) {
        if (SETTINGS.contains(setting)) {
            return setting;
        }
        for (String known : SETTINGS) {
            if (known.replace('.', '-').equals(setting)) {
                return known;
            }
        }
        return setting;
    }

    /** Collects the layers of one disk; {@link #build} stacks them in the documented order. */
    public static final class Builder {
        private List<OperationListener> listeners = List.of();
        private Level logLevel;
        private boolean readOnly;
        private int maxConcurrency;
        private RetryPolicy retry;
        private Duration timeout;
        private Map<Operation, Duration> timeouts = Map.of();
        private String prefix;

        private Builder() {
        }

        /** Report every operation to these listeners. */
        public Builder observe(List<OperationListener> listeners) {
            this.listeners = List.copyOf(listeners);
            return this;
        }

        /** Log each operation at {@code level} (failures at WARNING). */
        public Builder log(Level level) {
            this.logLevel = level;
            return this;
        }

        /** Refuse every change. */
        public Builder readOnly() {
            this.readOnly = true;
            return this;
        }

        /** At most {@code max} operations at once. */
        public Builder maxConcurrency(int max) {
            this.maxConcurrency = max;
            return this;
        }

        /** Retry as {@code policy} says. */
        public Builder retry(RetryPolicy policy) {
            this.retry = policy;
            return this;
        }

        /** Bound every attempt by {@code timeout}. */
        public Builder timeout(Duration timeout) {
            return timeout(timeout, Map.of());
        }

        /** Bound attempts by {@code timeout}, or the operation's own deadline in {@code perOperation}. */
        public Builder timeout(Duration timeout, Map<Operation, Duration> perOperation) {
            this.timeout = timeout;
            this.timeouts = Map.copyOf(perOperation);
            return this;
        }

        /** Confine the disk to keys under {@code prefix} (ends with {@code /}). */
        public Builder prefix(String prefix) {
            this.prefix = prefix;
            return this;
        }

        /** The names of the layers that will be stacked, outermost first (for diagnostics and docs). */
        public List<String> describe() {
            List<String> names = new ArrayList<>();
            if (!listeners.isEmpty()) {
                names.add("observation");
            }
            if (logLevel != null) {
                names.add("logging");
            }
            if (readOnly) {
                names.add("read-only");
            }
            if (maxConcurrency > 0) {
                names.add("concurrency-limit");
            }
            if (retry != null) {
                names.add("retry");
            }
            if (timeout != null) {
                names.add("timeout");
            }
            if (prefix != null) {
                names.add("prefix");
            }
            return names;
        }

        /** {@code driver} wrapped in the layers asked for, innermost first. */
        public StorageDriver build(StorageDriver driver) {
            StorageDriver d = driver;
            if (prefix != null) {
                d = new PrefixLayer(d, prefix);
            }
            if (timeout != null) {
                d = new TimeoutLayer(d, timeout, timeouts);
            }
            if (retry != null) {
                d = new RetryLayer(d, retry);
            }
            if (maxConcurrency > 0) {
                d = new ConcurrencyLimitLayer(d, maxConcurrency);
            }
            if (readOnly) {
                d = new ReadOnlyLayer(d);
            }
            if (logLevel != null) {
                d = new LoggingLayer(d, logLevel);
            }
            if (!listeners.isEmpty()) {
                d = new ObservationLayer(d, listeners);
            }
            return d;
        }
    }
}
