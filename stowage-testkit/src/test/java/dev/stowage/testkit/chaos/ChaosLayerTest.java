package dev.stowage.testkit.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.ByteRange;
import dev.stowage.Content;
import dev.stowage.Storage;
import dev.stowage.StorageUnavailableException;
import dev.stowage.Stowage;
import dev.stowage.driver.memory.MemoryDriver;
import dev.stowage.layer.RetryLayer;
import dev.stowage.layer.RetryPolicy;
import dev.stowage.spi.WriteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChaosLayerTest {

    private static List<Boolean> failures(long seed) {
        MemoryDriver memory = new MemoryDriver("m");
        memory.write("k", Content.of("v"), WriteOptions.of("text/plain"));
        ChaosLayer chaos = ChaosLayer.builder(seed).fail(0.3).build(memory);
        List<Boolean> failed = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            try {
                chaos.stat("k");
                failed.add(false);
            } catch (StorageUnavailableException e) {
                failed.add(true);
            }
        }
        return failed;
    }

    @Test
    void the_same_seed_gives_the_same_faults_in_the_same_places() {
        List<Boolean> a = failures(7);
        assertThat(failures(7)).isEqualTo(a);
        assertThat(failures(8)).isNotEqualTo(a);
        assertThat(a.stream().filter(f -> f).count()).isBetween(30L, 90L);
    }

    @Test
    void a_failure_after_commit_applies_the_change_but_reports_unavailable() {
        MemoryDriver memory = new MemoryDriver("m");
        ChaosLayer chaos = ChaosLayer.builder(1).failAfterCommit(1.0).build(memory);
        assertThatThrownBy(() -> chaos.write("k", Content.of("v"), WriteOptions.of("text/plain")))
                .isInstanceOf(StorageUnavailableException.class).hasMessageContaining("after the change was applied");
        assertThat(memory.bytes("k")).isEqualTo("v".getBytes());
        assertThat(chaos.injected(ChaosLayer.Fault.FAIL_AFTER_COMMIT)).isEqualTo(1);
    }

    @Test
    void a_cut_read_breaks_mid_stream_and_a_cut_write_stores_nothing() throws Exception {
        MemoryDriver memory = new MemoryDriver("m");
        byte[] big = new byte[256 * 1024];
        memory.write("big", Content.of(big), WriteOptions.of("application/octet-stream"));
        ChaosLayer chaos = ChaosLayer.builder(3).cut(1.0).build(memory);
        try (InputStream in = chaos.read("big", ByteRange.ALL)) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class).hasMessageContaining("cut");
        }
        memory.assertNoOpenStreams();
        assertThatThrownBy(() -> Stowage.wrap(chaos).put("new", Content.of(big)))
                .isInstanceOf(dev.stowage.StorageException.class);
        assertThat(memory.keys()).containsExactly("big");
    }

    @Test
    void a_downed_disk_fails_everything_until_brought_back() {
        MemoryDriver memory = new MemoryDriver("m");
        ChaosLayer chaos = ChaosLayer.builder(1).build(memory);
        chaos.down(true);
        assertThatThrownBy(() -> chaos.stat("k")).isInstanceOf(StorageUnavailableException.class);
        chaos.down(false);
        assertThatThrownBy(() -> chaos.stat("k")).isInstanceOf(dev.stowage.ObjectNotFoundException.class);
    }

    @Test
    void retries_ride_out_random_failures_and_delays() {
        MemoryDriver memory = new MemoryDriver("m");
        ChaosLayer chaos = ChaosLayer.builder(11).fail(0.2).delay(0.2, Duration.ZERO, Duration.ofMillis(3))
                .build(memory);
        Storage disk = Stowage.wrap(new RetryLayer(chaos, RetryPolicy.DEFAULT.withMaxAttempts(8)
                .withDelays(Duration.ofMillis(1), Duration.ofMillis(4)).withBudget(1000, 1000)));
        for (int i = 0; i < 200; i++) {
            disk.put("k" + i, Content.of("v" + i));
            assertThat(disk.getString("k" + i)).isEqualTo("v" + i);
        }
        assertThat(chaos.injected(ChaosLayer.Fault.FAIL)).isGreaterThan(20);
        assertThat(chaos.injected(ChaosLayer.Fault.DELAY)).isGreaterThan(20);
        memory.assertNoOpenStreams();
    }
}
