package dev.stowage.bench.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The threads target's regression guard: 10,000 async puts, all in flight at once, in a JVM of
 * their own, must never have more than 64 live platform threads (ThreadMXBean's peak; virtual
 * threads are not in it). A local disk is the hard case: a virtual thread blocked in the file
 * system (its fsync; so the disk keeps the default {@code fsync=true}) makes the JDK add a carrier
 * thread.
 */
class AsyncPlatformThreadsTest {

    @TempDir
    Path dir;

    @Test
    void ten_thousand_concurrent_async_puts_on_a_memory_disk_use_at_most_64_platform_threads() throws Exception {
        assertAtMost64(new Target("memory", Map.of(), null, Map.of()));
    }

    @Test
    void ten_thousand_concurrent_async_puts_on_a_local_disk_use_at_most_64_platform_threads() throws Exception {
        assertAtMost64(new Target("local", Map.of("root", dir.resolve("disk").toString()), null, Map.of()));
    }

    private void assertAtMost64(Target target) throws Exception {
        List<String> args = new ArrayList<>(target.toArgs());
        args.addAll(List.of("contender=stowage", "ops=10000", "size=4096"));
        ForkedJvm.Outcome o = ForkedJvm.run(List.of("-Xmx64m"), ThreadProbe.class, args,
                dir.resolve("probe.log"), Duration.ofSeconds(90));

        assertThat(o.exitCode()).as("probe output:%n%s", o.tail()).isZero();
        Map<String, String> r = o.phase("threads");
        assertThat(r.get("verified")).as(r.toString()).isEqualTo("true");
        assertThat(Integer.parseInt(r.get("peak"))).as("peak platform threads; alive after: %s", r.get("names"))
                .isLessThanOrEqualTo(ResourcesBench.MAX_PLATFORM_THREADS);
    }
}
