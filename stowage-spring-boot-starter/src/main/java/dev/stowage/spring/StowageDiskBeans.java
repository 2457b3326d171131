package dev.stowage.spring;

import dev.stowage.Storage;
import dev.stowage.config.StorageManager;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Registers one {@link Storage} bean per configured disk, named {@code stowageDisk.<name>} and
 * qualified by the disk name, so {@code @Qualifier("uploads") Storage} injects disk "uploads".
 * Names are read from the configuration when the context starts; the disks themselves are created
 * by the {@link StorageManager} on first use.
 */
public final class StowageDiskBeans implements BeanDefinitionRegistryPostProcessor, EnvironmentAware,
        BeanFactoryAware {
    /** Prefix of the bean names. */
    public static final String BEAN_PREFIX = "stowageDisk.";

    private Environment environment;
    private BeanFactory beanFactory;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        StowageProperties properties = Binder.get(environment).bind("stowage", StowageProperties.class)
                .orElseGet(StowageProperties::new);
        for (String name : properties.toConfig(StowageAutoConfiguration.environmentForAutodetect()).diskNames()) {
            String beanName = BEAN_PREFIX + name;
            if (registry.containsBeanDefinition(beanName)) {
                continue;
            }
            RootBeanDefinition definition = new RootBeanDefinition(Storage.class,
                    () -> beanFactory.getBean(StorageManager.class).disk(name));
            definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
            definition.setDestroyMethodName(""); // the manager closes its disks
            definition.setLazyInit(true);
            definition.setPrimary(false);
            definition.setDefaultCandidate(false); // plain @Autowired Storage gets the primary default disk
            registry.registerBeanDefinition(beanName, definition);
        }
    }
}
