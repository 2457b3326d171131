package dev.stowage.server;

import dev.stowage.ListRequest;
import dev.stowage.Storage;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code GET /health}: lists one key of every disk, in parallel, each within a timeout; 200 when
 * all are up, 503 otherwise, with a status and detail per disk.
 */
final class HealthRoutes {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final DiskDirectory disks;

    HealthRoutes(DiskDirectory disks) {
        this.disks = disks;
    }

    void register(HttpRouting.Builder routing) {
        routing.get("/health", this::health);
    }

    private void health(ServerRequest req, ServerResponse res) {
        Map<String, CompletableFuture<Map<String, Object>>> checks = new LinkedHashMap<>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String name : disks.names()) {
                checks.put(name, CompletableFuture.supplyAsync(() -> check(name), executor));
            }
            Map<String, Object> perDisk = new LinkedHashMap<>();
            boolean allUp = true;
            for (var e : checks.entrySet()) {
                Map<String, Object> result;
                try {
                    result = e.getValue().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException t) {
                    e.getValue().cancel(true);
                    result = Map.of("status", "DOWN", "detail", "no answer within " + TIMEOUT.toSeconds() + " s");
                } catch (InterruptedException | ExecutionException x) {
                    result = Map.of("status", "DOWN", "detail", String.valueOf(x.getMessage()));
                }
                allUp &= "UP".equals(result.get("status"));
                perDisk.put(e.getKey(), result);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", allUp ? "UP" : "DOWN");
            body.put("disks", perDisk);
            res.status(allUp ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503);
            res.header(HeaderNames.CONTENT_TYPE, "application/json");
            res.send(Json.write(body));
            executor.shutdownNow();
        }
    }

    private Map<String, Object> check(String name) {
        long start = System.nanoTime();
        try {
            Storage storage = disks.disk(name).orElseThrow();
            storage.list(ListRequest.prefix("").limit(1));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("status", "UP");
            m.put("latencyMillis", (System.nanoTime() - start) / 1_000_000);
            return m;
        } catch (RuntimeException e) {
            return Map.of("status", "DOWN", "detail", String.valueOf(e.getMessage()));
        }
    }
}
