package dev.stowage.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.Content;
import dev.stowage.ObjectNotFoundException;
import dev.stowage.StorageException;
import dev.stowage.StorageUnavailableException;
import dev.stowage.driver.memory.MemoryDriver;
import dev.stowage.spi.WriteOptions;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RetryLayerTest {
    private final MemoryDriver memory = new MemoryDriver("m");
    private final FlakyDriver flaky = new FlakyDriver(memory);
    private final RetryPolicy fast = RetryPolicy.DEFAULT.withMaxAttempts(4).withDelays(Duration.ofMillis(1),
            Duration.ofMillis(5));

    @Test
    void retryable_failures_are_retried_until_the_call_succeeds() {
        RetryLayer retry = new RetryLayer(flaky, fast);
        flaky.failuresLeft.set(3);
        retry.write("k", Content.of("v"), WriteOptions.of("text/plain"));
        assertThat(flaky.calls).hasValue(4);
        assertThat(memory.bytes("k")).isEqualTo("v".getBytes());
    }

    @Test
    void the_last_failure_is_marked_exhausted_and_no_longer_retryable() {
        RetryLayer retry = new RetryLayer(flaky, fast);
        flaky.failuresLeft.set(100);
        assertThatThrownBy(() -> retry.stat("k")).isInstanceOfSatisfying(StorageUnavailableException.class, e -> {
            assertThat(e.exhausted()).isTrue();
            assertThat(e.attempts()).isEqualTo(4);
            assertThat(e.retryable()).isFalse();
            assertThat(Arrays.stream(e.getSuppressed()).map(Throwable::getMessage))
                    .anyMatch(m -> m.contains("gave up after 4 attempt(s)"));
        });
        assertThat(flaky.calls).hasValue(4);
    }

    @Test
    void failures_that_are_not_retryable_fail_at_once() {
        RetryLayer retry = new RetryLayer(flaky, fast);
        assertThatThrownBy(() -> retry.stat("missing")).isInstanceOf(ObjectNotFoundException.class);
        assertThat(flaky.calls).hasValue(1);
    }

    @Test
    void a_write_of_a_single_use_stream_is_not_retried_and_says_why() {
        RetryLayer retry = new RetryLayer(flaky, fast);
        flaky.failuresLeft.set(1);
        Content stream = Content.of(new ByteArrayInputStream(new byte[10]), 10);
        assertThatThrownBy(() -> retry.write("k", stream, WriteOptions.of("a/b")))
                .isInstanceOfSatisfying(StorageException.class, e -> assertThat(
                        Arrays.stream(e.getSuppressed()).map(Throwable::getMessage))
                        .anyMatch(m -> m.contains("not retried") && m.contains("single-use stream")));
        assertThat(flaky.calls).hasValue(1);
    }

    @Test
    void a_move_is_not_retried() {
        RetryLayer retry = new RetryLayer(flaky, fast);
        memory.write("a", Content.of("x"), WriteOptions.of("a/b"));
        flaky.failuresLeft.set(1);
        assertThatThrownBy(() -> retry.move("a", "b")).isInstanceOf(StorageUnavailableException.class);
        assertThat(flaky.calls).hasValue(1);
    }

    @Test
    void an_empty_budget_stops_retries_against_a_dead_provider() {
        RetryLayer retry = new RetryLayer(flaky, fast.withBudget(5, 0));
        flaky.failuresLeft.set(Integer.MAX_VALUE);
        int totalCalls = 0;
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> retry.stat("k")).isInstanceOf(StorageUnavailableException.class);
        }
        totalCalls = flaky.calls.get();
        // 10 first attempts plus the 5 retries the budget allowed
        assertThat(totalCalls).isEqualTo(15);
        assertThatThrownBy(() -> retry.stat("k")).satisfies(e -> assertThat(Arrays.stream(e.getSuppressed())
                .map(Throwable::getMessage)).anyMatch(m -> m.contains("retry budget")));
    }

    @Test
    void backoff_caps_grow_exponentially_up_to_the_max_delay() {
        RetryPolicy p = RetryPolicy.DEFAULT.withDelays(Duration.ofMillis(100), Duration.ofSeconds(1));
        assertThat(p.capFor(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(p.capFor(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(p.capFor(4)).isEqualTo(Duration.ofMillis(800));
        assertThat(p.capFor(5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.capFor(60)).isEqualTo(Duration.ofSeconds(1));
    }
}
