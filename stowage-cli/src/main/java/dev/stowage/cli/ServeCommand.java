package dev.stowage.cli;

import dev.stowage.Storage;
import dev.stowage.config.StorageManager;
import dev.stowage.config.StowageConfig;
import dev.stowage.server.DiskDirectory;
import dev.stowage.server.DiskPolicy;
import dev.stowage.server.OperationMetrics;
import dev.stowage.server.StowageServer;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code stowage serve}: the HTTP server ({@link StowageServer}: REST API, browser UI, signed-URL
 * file route, {@code /health}, {@code /metrics}) over the configured disks, or over the default
 * local disk {@code ./storage} when nothing is configured. Per-disk upload limits come from the
 * disk settings {@code max-upload-size} and {@code allowed-types}. Memory and local disks without a
 * {@code base-url} get the server's own URL (and, without a {@code signing-secret}, a random one for
 * this process), so the URLs they sign resolve to this server. Runs until
 * Ctrl-C (or until its thread is interrupted, in tests).
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve the configured disks over HTTP: REST API, browser UI at /, signed URLs, /health, /metrics.",
            "With nothing configured it serves the local disk ./storage on http://127.0.0.1:8080. Ctrl-C stops it."},
        footer = {"", "Disk settings read by serve (then removed before the driver sees them):",
            "  stowage.disks.NAME.max-upload-size=100MB   largest upload accepted (413 above it)",
            "  stowage.disks.NAME.allowed-types=image/*,application/pdf   accepted content types (415 otherwise)"})
final class ServeCommand extends StorageCommand {
    static final String MAX_UPLOAD_SIZE = "max-upload-size";
    static final String ALLOWED_TYPES = "allowed-types";
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgt]?i?b?)?", Pattern.CASE_INSENSITIVE);

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Interface to bind (default: ${DEFAULT-VALUE}); any other requires a token.")
    String host;

    @Option(names = {"-p", "--port"}, defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:STOWAGE_TOKEN}",
            description = "Bearer token the API requires (default: $STOWAGE_TOKEN; generated and printed once when "
                    + "bound beyond loopback and none is given).")
    String token;

    @Override
    int run() throws InterruptedException {
        if (!(ctx.catalog() instanceof ConfiguredDisks configured)) {
            throw CliException.configuration("serve needs the configured disks");
        }
        StowageConfig config = configured.config();
        Map<String, String> properties = new LinkedHashMap<>(config.properties());
        if (configured.embeddedOnly()) {
            properties.put("stowage.disks.local.root", ctx.workingDir().resolve("storage").toString());
        }
        Map<String, DiskPolicy> policies = policies(config);
        properties.keySet().removeIf(k -> k.endsWith("." + MAX_UPLOAD_SIZE) || k.endsWith("." + ALLOWED_TYPES));

        OperationMetrics metrics = new OperationMetrics();
        CompletableFuture<StorageManager> managerReady = new CompletableFuture<>();
        StowageServer.Builder builder = StowageServer.builder().host(host).port(port).token(token).metrics(metrics)
                .disks(new LateDirectory(managerReady));
        policies.forEach(builder::policy);
        StowageServer server = builder.start();
        StorageManager manager;
        try {
            String base = server.baseUri().toString();
            for (String name : config.diskNames()) {
                String driver = config.disk(name).map(d -> d.driver()).orElse("");
                if ((driver.equals("local") || driver.equals("memory"))
                        && !properties.containsKey("stowage.disks." + name + ".base-url")) {
                    properties.put("stowage.disks." + name + ".base-url", base);
                }
                if ((driver.equals("local") || driver.equals("memory"))
                        && !properties.containsKey("stowage.disks." + name + ".signing-secret")) {
                    // No secret configured: one for this process, so signed URLs work while it serves.
                    byte[] random = new byte[32];
                    new java.security.SecureRandom().nextBytes(random);
                    properties.put("stowage.disks." + name + ".signing-secret",
                            java.util.HexFormat.of().formatHex(random));
                }
            }
            manager = StorageManager.of(configured.rebuilt(properties), List.of(metrics));
            managerReady.complete(manager);
        } catch (RuntimeException e) {
            server.close();
            managerReady.completeExceptionally(e);
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop(server, manager);
            stopped.countDown();
        }, "stowage-serve-shutdown");
        boolean realProcess = ctx.isProcessStreams();
        if (realProcess) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
        ctx.out().println("serving " + String.join(", ", manager.names()) + " on " + server.baseUri()
                + " (Ctrl-C stops)");
        server.generatedToken().ifPresent(t -> ctx.out().println("API token (shown once): " + t));
        if (!isLoopback(host) && server.generatedToken().isEmpty()) {
            ctx.out().println("the API requires the bearer token given with --token");
        }
        ctx.out().flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            if (realProcess) {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
            stop(server, manager);
            Thread.currentThread().interrupt();
        }
        return ExitCodes.OK;
    }

    private static void stop(StowageServer server, StorageManager manager) {
        try {
            server.close();
        } finally {
            manager.close();
        }
    }

    /** Upload policies from each disk's {@code max-upload-size} and {@code allowed-types} settings. */
    static Map<String, DiskPolicy> policies(StowageConfig config) {
        Map<String, DiskPolicy> policies = new LinkedHashMap<>();
        for (String name : config.diskNames()) {
            Map<String, String> settings = config.disk(name).map(d -> d.settings()).orElse(Map.of());
            String max = settings.get(MAX_UPLOAD_SIZE);
            String types = settings.get(ALLOWED_TYPES);
            if (max == null && types == null) {
                continue;
            }
            Set<String> allowed = types == null ? Set.of() : Arrays.stream(types.split(","))
                    .map(String::strip).filter(t -> !t.isEmpty()).collect(Collectors.toSet());
            policies.put(name, new DiskPolicy(max == null ? -1 : parseSize(name, max), allowed));
        }
        return policies;
    }

    /** {@code 1048576}, {@code 10MB}, {@code 10MiB}, {@code 2g}: binary units. */
    static long parseSize(String disk, String text) {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            throw CliException.configuration("disk '" + disk + "': " + MAX_UPLOAD_SIZE + " '" + text
                    + "' is not a size (e.g. 1048576, 100MB, 2GiB)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
        int shift = unit.isEmpty() || unit.equals("b") ? 0 : switch (unit.charAt(0)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            default -> 40;
        };
        return Math.multiplyExact(n, 1L << shift);
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** The manager's disks, once the manager exists (it needs the server's URL first). */
    private record LateDirectory(CompletableFuture<StorageManager> manager) implements DiskDirectory {
        @Override
        public Set<String> names() {
            return manager.join().names();
        }

        @Override
        public Optional<Storage> disk(String name) {
            return DiskDirectory.of(manager.join()).disk(name);
        }

        @Override
        public String defaultName() {
            return manager.join().config().defaultDisk();
        }
    }
}
