package dev.stowage.server;

import dev.stowage.layer.OperationEvent;
import dev.stowage.layer.OperationListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Locale;

/**
 * Every operation of the disks that report to it (pass it to
 * {@code StorageManager.of(config, List.of(metrics))}), exposed at {@code /metrics} in Prometheus
 * text format: {@code stowage_operations_seconds{disk,operation,outcome,error}} (count, sum, max)
 * and {@code stowage_bytes_total{disk,operation}}.
 */
public final class OperationMetrics implements OperationListener {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Override
    public void onOperation(OperationEvent event) {
        String op = event.operation().name().toLowerCase(Locale.ROOT);
        Timer.builder("stowage.operations").description("Storage operations, by outcome")
                .tag("disk", event.disk()).tag("operation", op)
                .tag("outcome", event.outcome().name().toLowerCase(Locale.ROOT))
                .tag("error", event.error() == null ? "none" : event.error())
                .register(registry).record(event.duration());
        if (event.bytes() > 0) {
            Counter.builder("stowage.bytes").description("Bytes read or written").baseUnit("bytes")
                    .tag("disk", event.disk()).tag("operation", op).register(registry).increment(event.bytes());
        }
    }

    /** The Prometheus text exposition of everything recorded. */
    public String scrape() {
        return registry.scrape();
    }
}
