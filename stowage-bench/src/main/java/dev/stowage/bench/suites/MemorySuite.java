package dev.stowage.bench.suites;

import dev.stowage.Stowage;
import dev.stowage.bench.harness.BenchSettings;
import dev.stowage.bench.harness.OpendalClient;
import dev.stowage.bench.harness.StandardWorkloads;
import dev.stowage.bench.harness.StowageClient;
import dev.stowage.bench.harness.Suite;
import dev.stowage.bench.harness.Workload;
import java.util.List;
import java.util.Map;

/**
 * The memory driver against OpenDAL's {@code memory} service. There is no raw SDK underneath
 * either, so OpenDAL is the only baseline: what each costs on top of a map is the whole story.
 */
public final class MemorySuite implements Suite {
    private final StowageClient stowage = new StowageClient("stowage", Stowage.open("memory://bench"));
    private final OpendalClient opendal = new OpendalClient("memory", Map.of("root", "/"), 4);

    @Override
    public String driver() {
        return "memory";
    }

    @Override
    public String description() {
        return "Stowage's memory driver (`memory://bench`) vs OpenDAL's `memory` service, both in this JVM.";
    }

    @Override
    public List<Workload> workloads(BenchSettings settings) throws Exception {
        return new StandardWorkloads(settings, "", stowage, List.of(StandardWorkloads.Side.opendal(opendal))).build();
    }

    @Override
    public void close() throws Exception {
        try (stowage; opendal) {
            // both closed
        }
    }
}
