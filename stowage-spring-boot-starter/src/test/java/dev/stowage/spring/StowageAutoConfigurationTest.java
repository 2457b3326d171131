package dev.stowage.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.Content;
import dev.stowage.Storage;
import dev.stowage.config.StorageManager;
import dev.stowage.driver.local.LocalDriver;
import dev.stowage.driver.memory.MemoryDriver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class StowageAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(StowageMetricsAutoConfiguration.class, StowageAutoConfiguration.class,
                    StowageHealthAutoConfiguration.class));

    static class Consumer {
        @Autowired
        Storage primary;

        @Autowired
        @Qualifier("uploads")
        Storage uploads;

        @Autowired
        @Qualifier("scratch")
        Storage scratch;
    }

    @Configuration
    static class ConsumerConfig {
        @Bean
        Consumer consumer() {
            return new Consumer();
        }
    }

    @Test
    void every_configured_disk_is_a_bean_qualified_by_its_name_and_the_default_is_primary(@TempDir Path dir) {
        runner.withUserConfiguration(ConsumerConfig.class)
                .withPropertyValues("stowage.default=uploads", "stowage.disks.uploads.driver=memory",
                        "stowage.disks.scratch.driver=local", "stowage.disks.scratch.root=" + dir)
                .run(context -> {
                    Consumer c = context.getBean(Consumer.class);
                    assertThat(c.primary.name()).isEqualTo("uploads");
                    assertThat(c.uploads.name()).isEqualTo("uploads");
                    assertThat(c.uploads.unwrap(MemoryDriver.class)).isNotNull();
                    assertThat(c.scratch.unwrap(LocalDriver.class)).isNotNull();
                    c.scratch.put("a.txt", Content.of("hi"));
                    assertThat(dir.resolve("a.txt")).hasContent("hi");
                });
    }

    @Test
    void with_no_configuration_the_default_disk_is_local_under_storage() {
        runner.run(context -> {
            StorageManager manager = context.getBean(StorageManager.class);
            assertThat(manager.names()).containsExactly("local");
            assertThat(context.getBean(Storage.class).name()).isEqualTo("local");
        });
    }

    @Test
    void settings_reach_the_disk_including_layers_and_prefixes() {
        runner.withPropertyValues("stowage.disks.tenant.driver=memory", "stowage.disks.tenant.prefix=tenants/a/",
                "stowage.disks.tenant.read-only=true").run(context -> {
                    Storage tenant = context.getBean(StorageManager.class).disk("tenant");
                    assertThat(tenant.capabilities().supported()).isNotEmpty();
                    org.assertj.core.api.Assertions.assertThatThrownBy(() -> tenant.put("x", Content.of("y")))
                            .hasMessageContaining("tenant");
                });
    }

    @Test
    void a_misconfigured_disk_stops_the_context_with_every_problem_listed() {
        runner.withPropertyValues("stowage.disks.bad.driver=nosuchdriver", "stowage.disks.typo.driver=local",
                "stowage.disks.typo.rooot=/tmp/x").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("nosuchdriver")
                            .hasMessageContaining("rooot");
                });
    }

    @Test
    void health_reports_each_disk() {
        runner.withPropertyValues("stowage.default=a", "stowage.disks.a.driver=memory", "stowage.disks.b.driver=memory").run(context -> {
            var health = context.getBean(StowageHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsKeys("a", "b");
        });
    }

    @Test
    void health_is_down_when_a_disk_points_at_a_dead_port() throws Exception {
        int deadPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            deadPort = socket.getLocalPort(); // closed again: nothing listens there
        }
        runner.withPropertyValues("stowage.default=ok", "stowage.disks.ok.driver=memory",
                "stowage.disks.dead.driver=s3", "stowage.disks.dead.bucket=b",
                "stowage.disks.dead.endpoint=http://127.0.0.1:" + deadPort, "stowage.disks.dead.region=us-east-1",
                "stowage.disks.dead.path-style=true", "stowage.disks.dead.access-key=a",
                "stowage.disks.dead.secret-key=s", "stowage.disks.dead.max-attempts=1").run(context -> {
                    var health = context.getBean(StowageHealthIndicator.class).health();
                    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(health.getDetails().get("dead").toString()).startsWith("DOWN");
                    assertThat(health.getDetails().get("ok").toString()).startsWith("UP");
                });
    }

    @Test
    void operations_are_recorded_in_micrometer() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("stowage.disks.m.driver=memory").run(context -> {
                    Storage m = context.getBean(StorageManager.class).disk("m");
                    m.put("k", Content.of("12345"));
                    m.getBytes("k");
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(registry.get("stowage.operations").tag("disk", "m").tag("operation", "write")
                            .tag("outcome", "success").timer().count()).isEqualTo(1);
                    assertThat(registry.get("stowage.bytes").tag("operation", "write").counter().count())
                            .isEqualTo(5);
                });
    }

}
