package dev.stowage.bench.suites;

import dev.stowage.Stowage;
import dev.stowage.bench.harness.BenchSettings;
import dev.stowage.bench.harness.OpendalClient;
import dev.stowage.bench.harness.StandardWorkloads;
import dev.stowage.bench.harness.StowageClient;
import dev.stowage.bench.harness.Suite;
import dev.stowage.bench.harness.Workload;
import dev.stowage.spi.DiskConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Stowage's GCS driver against the raw {@code google-cloud-storage} client ({@link GcsRawClient})
 * and OpenDAL's {@code gcs} service, all on the GCS emulator of stowage-gcs's test sources, which
 * runs in a JVM of its own ({@link GcsEmulatorProcess}) so that its CPU and GC are charged to neither
 * contender's JVM. Each contender has a bucket of its own. Stowage runs with its defaults: full
 * reads check the CRC32C that comes with the download. The 256 MiB transfers are left out: the
 * emulator holds every object in its heap.
 */
public final class GcsSuite implements Suite {
    private final GcsEmulatorProcess emulator;
    private final StowageClient stowage;
    private final GcsRawClient raw;
    private final OpendalClient opendal;
    private final String opendalProblem;

    public GcsSuite(BenchSettings settings) throws Exception {
        this.emulator = GcsEmulatorProcess.start(settings.quick() ? "1g" : "10g",
                "bench-stowage", "bench-raw", "bench-opendal");
        String endpoint = emulator.endpoint();
        this.stowage = new StowageClient("stowage", Stowage.open(DiskConfig.of("gcs-bench", "gcs",
                Map.of("endpoint", endpoint, "project-id", "bench", "bucket", "bench-stowage"))));
        this.raw = new GcsRawClient(endpoint, "bench-raw");
        OpendalClient o = null;
        String problem = null;
        try {
            o = new OpendalClient("gcs", Map.of("bucket", "bench-opendal", "endpoint", endpoint, "root", "/",
                    "allow_anonymous", "true", "disable_vm_metadata", "true", "disable_config_load", "true"), 4);
            o.put("probe", new byte[] {1});
            o.get("probe");
        } catch (Exception | Error e) {
            problem = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            if (o != null) {
                o.close();
            }
            o = null;
        }
        this.opendal = o;
        this.opendalProblem = problem;
    }

    @Override
    public String driver() {
        return "gcs";
    }

    @Override
    public String description() {
        return "Stowage's GCS driver (defaults: verified full reads) vs the raw google-cloud-storage 2.71.0 client"
                + " (JSON over HTTP, used as a tuned user would: no gzip on uploads, `readAllBytes`, batch deletes,"
                + " 8 MiB ranged reads on 4 threads)"
                + (opendal != null ? " and OpenDAL's `gcs` service (anonymous, `allow_anonymous`)"
                        : "; OpenDAL's `gcs` service is left out: " + opendalProblem)
                + ". All on the JSON-API emulator of stowage-gcs's test sources, in its own JVM (objects in its"
                + " memory, `-Xmx10g`), so its CPU and GC are charged to no contender's JVM. The 256 MiB upload and"
                + " parallel download are left out: the emulator holds every object in its heap (the 64 MiB puts"
                + " over 32 keys per contender already hold 6 GiB).";
    }

    @Override
    public List<Workload> workloads(BenchSettings settings) throws Exception {
        List<StandardWorkloads.Side> sides = new ArrayList<>();
        sides.add(StandardWorkloads.Side.raw(raw));
        if (opendal != null) {
            sides.add(StandardWorkloads.Side.opendal(opendal));
        }
        // the emulator keeps objects in its heap: no 256 MiB upload/download here (see the description)
        return new StandardWorkloads(settings, "", stowage, sides).withoutBigTransfers().build();
    }

    @Override
    public void close() throws Exception {
        try (emulator; stowage; raw) {
            if (opendal != null) {
                opendal.close();
            }
        }
    }
}
