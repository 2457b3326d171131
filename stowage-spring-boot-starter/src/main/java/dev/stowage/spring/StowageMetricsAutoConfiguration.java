package dev.stowage.spring;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** Micrometer metrics of every disk operation, when Micrometer is present. */
@AutoConfiguration(before = StowageAutoConfiguration.class)
@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
public class StowageMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public MicrometerOperationListener stowageMicrometerListener(ObjectProvider<MeterRegistry> registries) {
        return new MicrometerOperationListener(registries);
    }
}
