package dev.stowage.spring;

import dev.stowage.config.StorageManager;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

/** The signed-URL file endpoint, with {@code stowage.web.enabled=true} in a servlet web application. */
@AutoConfiguration(after = StowageAutoConfiguration.class)
@ConditionalOnClass(name = {"org.springframework.web.servlet.DispatcherServlet", "jakarta.servlet.http.HttpServletRequest"})
@ConditionalOnProperty(prefix = "stowage.web", name = "enabled", havingValue = "true")
@ConditionalOnBean(StorageManager.class)
public class StowageWebAutoConfiguration {

    @Bean
    public StowageFileEndpoint stowageFileEndpoint(StorageManager manager, StowageProperties properties) {
        return new StowageFileEndpoint(manager, properties.getWeb().getPath(), properties.getWeb().getMaxUploadSize());
    }

    @Bean
    public SimpleUrlHandlerMapping stowageFileHandlerMapping(StowageFileEndpoint endpoint,
            StowageProperties properties) {
        String base = properties.getWeb().getPath().replaceAll("/+$", "");
        SimpleUrlHandlerMapping mapping = new SimpleUrlHandlerMapping(Map.of(base + "/**", endpoint));
        mapping.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return mapping;
    }
}
