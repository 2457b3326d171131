package dev.stowage.spring;

import dev.stowage.layer.OperationEvent;
import dev.stowage.layer.OperationListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Binds Micrometer to the disks' observation layer: a {@code stowage.operations} timer tagged
 * {@code disk}, {@code operation}, {@code outcome} and {@code error}, and {@code stowage.bytes}
 * counters tagged {@code disk} and {@code operation}.
 */
public final class MicrometerOperationListener implements OperationListener {
    private final ObjectProvider<MeterRegistry> registries;
    private volatile MeterRegistry registry;

    public MicrometerOperationListener(ObjectProvider<MeterRegistry> registries) {
        this.registries = registries;
    }

    @Override
    public void onOperation(OperationEvent event) {
        MeterRegistry r = registry;
        if (r == null) {
            r = registries.getIfAvailable();
            if (r == null) {
                return;
            }
            registry = r;
        }
        String op = event.operation().name().toLowerCase(Locale.ROOT);
        Timer.builder("stowage.operations").description("Stowage storage operations")
                .tags("disk", event.disk(), "operation", op,
                        "outcome", event.outcome().name().toLowerCase(Locale.ROOT),
                        "error", event.error() == null ? "none" : event.error())
                .register(r).record(event.duration());
        if (event.bytes() > 0) {
            Counter.builder("stowage.bytes").description("Bytes read or written by Stowage").baseUnit("bytes")
                    .tags("disk", event.disk(), "operation", op).register(r).increment(event.bytes());
        }
    }
}
