package dev.stowage.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.AccessDeniedException;
import dev.stowage.ByteRange;
import dev.stowage.Capability;
import dev.stowage.Content;
import dev.stowage.ObjectInfo;
import dev.stowage.Page;
import dev.stowage.SignedUrlOptions;
import dev.stowage.Storage;
import dev.stowage.StorageUnavailableException;
import dev.stowage.Stowage;
import dev.stowage.driver.memory.MemoryDriver;
import dev.stowage.spi.ListQuery;
import dev.stowage.spi.StorageDriver;
import dev.stowage.spi.WriteOptions;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class LayersTest {
    private final MemoryDriver memory = new MemoryDriver("m");

    @Test
    void the_builder_stacks_layers_in_the_documented_order_whatever_the_call_order() {
        Layers.Builder b = Layers.builder().prefix("p/").timeout(Duration.ofSeconds(1)).retry(RetryPolicy.DEFAULT)
                .maxConcurrency(4).readOnly().log(System.Logger.Level.DEBUG).observe(List.of(e -> { }));
        assertThat(b.describe()).containsExactly("observation", "logging", "read-only", "concurrency-limit", "retry",
                "timeout", "prefix");
        StorageDriver d = b.build(memory);
        List<Class<?>> chain = new ArrayList<>();
        Object cur = d;
        while (cur instanceof ForwardingDriver f) {
            chain.add(f.getClass());
            cur = f.delegate();
        }
        assertThat(chain).containsExactly(ObservationLayer.class, LoggingLayer.class, ReadOnlyLayer.class,
                ConcurrencyLimitLayer.class, RetryLayer.class, TimeoutLayer.class, PrefixLayer.class);
        assertThat(cur).isSameAs(memory);
    }

    @Test
    void a_hung_call_times_out_as_a_retryable_failure_and_the_worker_is_interrupted() {
        FlakyDriver flaky = new FlakyDriver(memory);
        flaky.hangMillis = 10_000;
        TimeoutLayer timeout = new TimeoutLayer(flaky, Duration.ofMillis(100));
        long start = System.nanoTime();
        assertThatThrownBy(() -> timeout.stat("k")).isInstanceOfSatisfying(StorageUnavailableException.class,
                e -> assertThat(e.retryable()).isTrue()).hasMessageContaining("timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void retry_around_timeout_gives_each_attempt_its_own_deadline() {
        FlakyDriver flaky = new FlakyDriver(memory);
        memory.write("k", Content.of("v"), WriteOptions.of("text/plain"));
        flaky.hangMillis = 300;
        StorageDriver d = Layers.builder().timeout(Duration.ofMillis(50))
                .retry(RetryPolicy.DEFAULT.withMaxAttempts(3).withDelays(Duration.ofMillis(1), Duration.ofMillis(1)))
                .build(flaky);
        assertThatThrownBy(() -> d.stat("k")).isInstanceOfSatisfying(StorageUnavailableException.class,
                e -> assertThat(e.attempts()).isEqualTo(3));
        flaky.hangMillis = 0;
        assertThat(d.stat("k").size()).isEqualTo(1);
    }

    @Test
    void the_concurrency_limit_bounds_operations_and_open_streams() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        StorageDriver slow = new ForwardingDriver(memory) {
            @Override
            public ObjectInfo stat(String key) {
                peak.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                running.decrementAndGet();
                return super.stat(key);
            }
        };
        memory.write("k", Content.of("v"), WriteOptions.of("text/plain"));
        ConcurrencyLimitLayer limit = new ConcurrencyLimitLayer(slow, 3);
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> fs = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                fs.add(pool.submit(() -> limit.stat("k")));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        }
        assertThat(peak.get()).isBetween(1, 3);
        InputStream open = limit.read("k", ByteRange.ALL);
        assertThat(limit.inFlight()).isEqualTo(1);
        open.close();
        assertThat(limit.inFlight()).isZero();
    }

    @Test
    void a_read_only_disk_refuses_changes_and_drops_writer_capabilities() {
        memory.write("k", Content.of("v"), WriteOptions.of("text/plain"));
        Storage ro = Stowage.wrap(new ReadOnlyLayer(memory));
        assertThat(ro.getString("k")).isEqualTo("v");
        assertThatThrownBy(() -> ro.put("x", Content.of("y"))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> ro.delete("k")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> ro.copy("k", "k2")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> ro.signedUrl("k", SignedUrlOptions.put(Duration.ofMinutes(1))))
                .isInstanceOf(dev.stowage.StorageException.class);
        assertThat(ro.capabilities().supports(Capability.SIGNED_PUT)).isFalse();
        assertThat(ro.capabilities().supports(Capability.SIGNED_GET)).isTrue();
        assertThat(memory.keys()).containsExactly("k");
    }

    @Test
    void the_prefix_layer_confines_keys_and_strips_them_from_listings_with_working_cursors() {
        for (String k : List.of("a/1", "a/2", "b/1", "c")) {
            memory.write("t/" + k, Content.of(k), WriteOptions.of("text/plain"));
        }
        memory.write("outside", Content.of("x"), WriteOptions.of("text/plain"));
        PrefixLayer tenant = new PrefixLayer(memory, "t/");
        Page first = tenant.list(new ListQuery("", "/", null, 2));
        assertThat(first.prefixes()).containsExactly("a/", "b/");
        Page second = tenant.list(new ListQuery("", "/", first.nextCursor(), 2));
        assertThat(second.objects()).extracting(ObjectInfo::key).containsExactly("c");
        assertThat(second.nextCursor()).isNull();
        assertThat(tenant.stat("a/1").key()).isEqualTo("a/1");
        assertThatThrownBy(() -> tenant.stat("../outside")).isInstanceOf(dev.stowage.InvalidKeyException.class);
        assertThatThrownBy(() -> new PrefixLayer(memory, "no-slash")).hasMessageContaining("end with '/'");
    }

    @Test
    void observation_reports_reads_when_the_stream_is_closed_with_the_bytes_read() throws Exception {
        List<OperationEvent> events = new CopyOnWriteArrayList<>();
        memory.write("k", Content.of("hello world"), WriteOptions.of("text/plain"));
        ObservationLayer obs = new ObservationLayer(memory, List.of(events::add));
        try (InputStream in = obs.read("k", ByteRange.ALL)) {
            assertThat(events).isEmpty();
            in.readNBytes(5);
        }
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.disk()).isEqualTo("m");
            assertThat(e.bytes()).isEqualTo(5);
            assertThat(e.outcome()).isEqualTo(OperationEvent.Outcome.SUCCESS);
        });
    }

    @Test
    void logging_names_the_key_and_operation_but_never_a_signed_url() {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Logger jul = Logger.getLogger("dev.stowage.disk.m");
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.addHandler(h);
        jul.setLevel(Level.ALL);
        try {
            LoggingLayer logging = new LoggingLayer(memory, System.Logger.Level.INFO);
            logging.write("secret-plan.txt", Content.of("x"), WriteOptions.of("text/plain"));
            java.net.URI url = logging.signedUrl("secret-plan.txt", SignedUrlOptions.get(Duration.ofMinutes(1)));
            List<String> lines = records.stream()
                    .map(r -> java.text.MessageFormat.format(r.getMessage(), r.getParameters())).toList();
            assertThat(lines).anyMatch(l -> l.contains("write") && l.contains("'secret-plan.txt'"));
            assertThat(String.join("\n", lines)).doesNotContain(url.getRawQuery());
        } finally {
            jul.removeHandler(h);
        }
    }
}
