package dev.stowage.bench.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memory target's regression guard: 256 MiB go up and down through a local disk in a JVM
 * whose whole heap is 32 MiB, so a change that buffers an object (or a large part of one) in the
 * heap fails here with an OutOfMemoryError instead of in production.
 */
class SmallHeapStreamingTest {
    private static final long SIZE = 256L << 20;

    @TempDir
    Path dir;

    @Test
    void a_256_MiB_object_streams_up_and_down_through_a_local_disk_in_a_32_MiB_heap() throws Exception {
        Target local = new Target("local", Map.of("root", dir.resolve("disk").toString()), null, Map.of());
        List<String> args = new java.util.ArrayList<>(local.toArgs());
        args.addAll(List.of("contender=stowage", "size=" + SIZE, "dir=" + dir.resolve("downloads")));
        ForkedJvm.Outcome o = ForkedJvm.run(List.of("-Xmx32m"), StreamProbe.class, args,
                dir.resolve("probe.log"), Duration.ofSeconds(90));

        assertThat(o.exitCode()).as("probe output:%n%s", o.tail()).isZero();
        for (String phase : List.of("upload", "download to file", "download to stream")) {
            Map<String, String> r = o.phase(phase);
            assertThat(r).as(phase).isNotNull();
            assertThat(r.get("verified")).as(phase + ": " + r).isEqualTo("true");
            assertThat(Long.parseLong(r.get("bytes"))).isEqualTo(SIZE);
            assertThat(Long.parseLong(r.get("peakHeap"))).as(phase).isLessThan(32L << 20);
        }
    }
}
