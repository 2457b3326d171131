package dev.stowage.spring;

import dev.stowage.Storage;
import dev.stowage.config.StorageManager;
import dev.stowage.layer.OperationListener;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Stowage for Spring Boot: a {@link StorageManager} built from {@code stowage.*} and validated at
 * startup (a misconfigured disk stops the application with every problem listed), the default disk
 * as the primary {@link Storage} bean, and every disk as a {@code Storage} bean qualified by its name:
 *
 * <pre>{@code
 * @Autowired Storage storage;                          // the default disk
 * @Autowired @Qualifier("uploads") Storage uploads;    // a named disk
 * }</pre>
 *
 * Disks are closed with the context. Health, metrics and the file endpoint are configured by
 * their own auto-configurations when their libraries are present.
 */
@AutoConfiguration
@EnableConfigurationProperties(StowageProperties.class)
public class StowageAutoConfiguration {

    /** Every disk, created lazily; validated now. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public StorageManager stowageStorageManager(StowageProperties properties,
            ObjectProvider<OperationListener> listeners) {
        StorageManager manager = StorageManager.of(properties.toConfig(environmentForAutodetect()),
                listeners.orderedStream().toList());
        try {
            manager.validate();
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
        return manager;
    }

    /** The default disk. Not closed here: the manager closes its disks. */
    @Bean(destroyMethod = "")
    @Primary
    @ConditionalOnMissingBean(name = "stowageDefaultStorage")
    public Storage stowageDefaultStorage(StorageManager manager) {
        return manager.defaultDisk();
    }

    /** Registers each configured disk as a {@code Storage} bean qualified by its name. */
    @Bean
    public static StowageDiskBeans stowageDiskBeans() {
        return new StowageDiskBeans();
    }

    /**
     * The process environment for auto-detection and {@code ${VAR}} references, without
     * {@code STOWAGE_*} variables: Spring already binds those to {@code stowage.*}.
     */
    static Map<String, String> environmentForAutodetect() {
        return System.getenv().entrySet().stream().filter(e -> !e.getKey().startsWith("STOWAGE_"))
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
