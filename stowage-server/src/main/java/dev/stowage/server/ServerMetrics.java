package dev.stowage.server;

import dev.stowage.Operation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Locale;

/**
 * Operation counts, errors, latency and bytes per disk and operation, exposed at {@code /metrics}
 * in Prometheus text format: {@code stowage_operations_seconds{disk,operation,outcome}} and
 * {@code stowage_bytes_total{disk,operation}}.
 */
final class ServerMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    void record(String disk, Operation operation, String outcome, long nanos, long bytes) {
        String op = operation.name().toLowerCase(Locale.ROOT);
        Timer.builder("stowage.operations").description("Storage operations served, by outcome")
                .tag("disk", disk).tag("operation", op).tag("outcome", outcome)
                .publishPercentileHistogram(false).register(registry).record(Duration.ofNanos(nanos));
        if (bytes > 0) {
            Counter.builder("stowage.bytes").description("Bytes read or written").baseUnit("bytes")
                    .tag("disk", disk).tag("operation", op).register(registry).increment(bytes);
        }
    }

    String scrape() {
        return registry.scrape();
    }
}
