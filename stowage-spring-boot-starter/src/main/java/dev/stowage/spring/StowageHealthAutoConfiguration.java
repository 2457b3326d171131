package dev.stowage.spring;

import dev.stowage.config.StorageManager;
import java.time.Duration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** The {@code stowage} health contributor, when Spring Boot's health support is present. */
@AutoConfiguration(after = StowageAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
@ConditionalOnBean(StorageManager.class)
public class StowageHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "stowageHealthIndicator")
    public StowageHealthIndicator stowageHealthIndicator(StorageManager manager) {
        return new StowageHealthIndicator(manager, Duration.ofSeconds(5));
    }
}
