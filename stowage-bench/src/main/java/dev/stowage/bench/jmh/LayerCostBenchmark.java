package dev.stowage.bench.jmh;

import dev.stowage.Content;
import dev.stowage.Storage;
import dev.stowage.Stowage;
import dev.stowage.config.StorageManager;
import dev.stowage.config.StowageConfig;
import dev.stowage.driver.memory.MemoryDriver;
import dev.stowage.spi.WriteOptions;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What Stowage's own code costs on top of a driver, with the provider's cost taken out: a 4 KiB
 * put and get on the memory driver called three ways: the driver's SPI directly, the public
 * {@code Storage} API (key rules, content-type detection, checksums, ObjectInfo), and a disk built
 * by {@code StorageManager} with the retry, timeout and observation layers on. The difference
 * between the rows is what every real driver pays for Stowage itself.
 *
 * <p>Run: {@code ./mvnw -q -pl stowage-bench -am package -DskipTests exec:exec -Dbench=jmh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = "-Xmx1g")
public class LayerCostBenchmark {
    private static final int KEYS = 64;

    @Param({"4096"})
    public int size;

    private byte[] data;
    private String[] keys;
    private MemoryDriver driver;
    private Storage plain;
    private StorageManager manager;
    private Storage layered;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        data = new byte[size];
        new Random(1).nextBytes(data);
        keys = new String[KEYS];
        for (int i = 0; i < KEYS; i++) {
            keys[i] = "bench/object-" + i + ".bin";
        }
        plain = Stowage.open("memory://jmh-plain");
        driver = plain.unwrap(MemoryDriver.class);
        manager = StorageManager.of(StowageConfig.builder().noPropertiesFile().environment(Map.of())
                .disk("layered", "memory", Map.of("retry.max-attempts", "3", "timeout", "5s", "observe", "true"))
                .build(), List.of());
        layered = manager.disk("layered");
        for (String key : keys) {
            plain.put(key, Content.of(data));
            layered.put(key, Content.of(data));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        plain.close();
        manager.close();
    }

    private String key() {
        return keys[next++ & (KEYS - 1)];
    }

    @Benchmark
    public Object put_driver_spi() {
        return driver.write(key(), Content.of(data), WriteOptions.of("application/octet-stream"));
    }

    @Benchmark
    public Object put_storage_api() {
        return plain.put(key(), Content.of(data));
    }

    @Benchmark
    public Object put_storage_with_layers() {
        return layered.put(key(), Content.of(data));
    }

    @Benchmark
    public byte[] get_driver_spi() throws Exception {
        try (InputStream in = driver.read(key(), dev.stowage.ByteRange.ALL)) {
            return in.readAllBytes();
        }
    }

    @Benchmark
    public byte[] get_storage_api() {
        return plain.getBytes(key());
    }

    @Benchmark
    public byte[] get_storage_with_layers() {
        return layered.getBytes(key());
    }
}
