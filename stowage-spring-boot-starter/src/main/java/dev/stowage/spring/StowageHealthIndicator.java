package dev.stowage.spring;

import dev.stowage.ListRequest;
import dev.stowage.config.StorageManager;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code stowage} health contributor: lists one key of every configured disk, in parallel,
 * each within a timeout; UP when all answer, DOWN otherwise, with a detail per disk.
 */
public final class StowageHealthIndicator implements HealthIndicator {
    private final StorageManager manager;
    private final Duration timeout;

    public StowageHealthIndicator(StorageManager manager, Duration timeout) {
        this.manager = manager;
        this.timeout = timeout;
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean up = true;
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Map<String, CompletableFuture<String>> checks = new LinkedHashMap<>();
            for (String name : manager.names()) {
                checks.put(name, CompletableFuture.supplyAsync(() -> {
                    long start = System.nanoTime();
                    manager.disk(name).list(ListRequest.prefix("").limit(1));
                    return "UP (" + (System.nanoTime() - start) / 1_000_000 + " ms)";
                }, executor));
            }
            for (var e : checks.entrySet()) {
                String status;
                try {
                    status = e.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException t) {
                    e.getValue().cancel(true);
                    status = "DOWN: no answer within " + timeout.toMillis() + " ms";
                } catch (java.util.concurrent.ExecutionException x) {
                    status = "DOWN: " + x.getCause().getMessage();
                } catch (InterruptedException x) {
                    Thread.currentThread().interrupt();
                    status = "DOWN: interrupted";
                }
                up &= status.startsWith("UP");
                details.put(e.getKey(), status);
            }
            executor.shutdownNow();
        }
        return (up ? Health.up() : Health.down()).withDetails(details).build();
    }
}
