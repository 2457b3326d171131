package dev.stowage.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs one stowage command line in this JVM (started by a test with a small {@code -Xmx}) and prints
 * its exit code, wall time and the peak heap use on stderr: {@code HEAP_PROBE exit=0 ms=1234
 * peakHeapBytes=5678 maxHeapBytes=134217728}. The peak is the largest sum of the heap pools' peak
 * usage (what the collectors saw at their highest), not a sample.
 */
public final class HeapProbe {

    private HeapProbe() {
    }

    public static void main(String[] args) {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long start = System.nanoTime();
        Path cwd = Path.of("").toAbsolutePath();
        int code;
        try (Disks disks = new Disks(); ConfiguredDisks catalog = new ConfiguredDisks(cwd, Map.of())) {
            code = StowageCli.execute(new CliContext(System.in, System.out, System.err, cwd, disks, catalog), args);
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.err.println("HEAP_PROBE exit=" + code + " ms=" + ms + " peakHeapBytes=" + peak + " maxHeapBytes="
                + Runtime.getRuntime().maxMemory());
        System.exit(code);
    }
}
