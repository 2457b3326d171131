package dev.stowage.spring.test;

import dev.stowage.spring.StowageAutoConfiguration;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.autoconfigure.OverrideAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTestContextBootstrapper;
import org.springframework.test.context.BootstrapWith;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A test slice with only Stowage configured, every disk swapped for a memory disk of the same name
 * (so tests never touch real storage). Inject {@code Storage} or {@code @Qualifier("name") Storage}
 * as in the application; reach the memory driver's helpers with
 * {@code storage.unwrap(MemoryDriver.class)}.
 *
 * <pre>{@code
 * @StowageTest
 * @Import(AvatarService.class)
 * class AvatarServiceTest { @Autowired AvatarService service; @Autowired Storage storage; ... }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(SpringExtension.class)
@BootstrapWith(SpringBootTestContextBootstrapper.class)
@OverrideAutoConfiguration(enabled = false)
@ImportAutoConfiguration(StowageAutoConfiguration.class)
@TestPropertySource(properties = "stowage.test.in-memory=true")
public @interface StowageTest {
}
