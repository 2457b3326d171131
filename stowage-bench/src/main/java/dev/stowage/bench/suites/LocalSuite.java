package dev.stowage.bench.suites;

import dev.stowage.Stowage;
import dev.stowage.bench.harness.BenchSettings;
import dev.stowage.bench.harness.OpendalClient;
import dev.stowage.bench.harness.StandardWorkloads;
import dev.stowage.bench.harness.StowageClient;
import dev.stowage.bench.harness.Suite;
import dev.stowage.bench.harness.Workload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The local driver at its default durability (every write to a temp file, {@code fsync}, atomic
 * rename) against the same done with bare {@code java.nio} ({@link NioClient}, target 0.9) and
 * against OpenDAL's {@code fs} service (target 1.0). OpenDAL's {@code fs} writer opens the key's
 * own file with {@code O_TRUNC}, writes and {@code fsync}s it: durable but not atomic (a reader or
 * a crash can see a torn object). Given an {@code atomic_write_dir} it writes a temp file there,
 * {@code fsync}s it and renames it over the key (seen with {@code strace}), which is what Stowage
 * does; the suite configures it so, for equal durability.
 */
public final class LocalSuite implements Suite {
    private final Path dir;
    private final StowageClient stowage;
    private final NioClient nio;
    private final OpendalClient opendal;

    /** The three contenders, each under its own folder of the run's work directory. */
    public LocalSuite(BenchSettings settings) throws IOException {
        this.dir = Files.createDirectories(settings.workDir().resolve("local"));
        this.stowage = new StowageClient("stowage", Stowage.open(dir.resolve("stowage").toUri()));
        this.nio = new NioClient(dir.resolve("nio"), dir.resolve("nio-tmp"));
        Path opendalRoot = Files.createDirectories(dir.resolve("opendal"));
        Path opendalTemp = Files.createDirectories(dir.resolve("opendal-tmp"));
        this.opendal = new OpendalClient("fs", Map.of("root", opendalRoot + "/",
                "atomic_write_dir", opendalTemp + "/"), 4);
    }

    @Override
    public String driver() {
        return "local";
    }

    @Override
    public String description() {
        return "Stowage's local driver (`file://DIR`, defaults: temp file, fsync, atomic rename; metadata in an"
                + " extended attribute) vs bare java.nio doing the same (temp file, `force(true)`, `ATOMIC_MOVE`;"
                + " `Files.readAllBytes`, `Files.size`, `Files.list`/`walk`, `transferTo` downloads, virtual"
                + " threads for async) and OpenDAL's `fs` service with `atomic_write_dir` (temp file, fsync,"
                + " rename), all on the same ext4 file system.";
    }

    @Override
    public List<Workload> workloads(BenchSettings settings) throws Exception {
        return new StandardWorkloads(settings, "", stowage,
                List.of(StandardWorkloads.Side.nio(nio), StandardWorkloads.Side.opendal(opendal))).build();
    }

    @Override
    public void close() throws Exception {
        try (stowage; nio; opendal) {
            // all closed
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
