package dev.stowage.bench.resources;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a probe reads from the JVM's management beans: the peak heap (each heap pool's peak usage,
 * summed, so an upper bound: the pools need not peak at the same moment), the number of
 * collections, and platform threads. {@link ThreadMXBean} sees platform threads only: virtual
 * threads are in none of its counts.
 */
final class Meter {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private Meter() {
    }

    /** Collects, then starts the heap peaks and the thread peak afresh from the current usage. */
    static void reset() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        THREADS.resetPeakThreadCount();
    }

    /** The sum of the heap pools' peak usage since the last {@link #reset}, in bytes. */
    static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** Collections so far, all collectors together. */
    static long gcCount() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }

    /** Live platform threads now. */
    static int liveThreads() {
        return THREADS.getThreadCount();
    }

    /** The most live platform threads since the last {@link #reset}. */
    static int peakThreads() {
        return THREADS.getPeakThreadCount();
    }

    /** Live platform threads by name, digits folded to {@code #} ("ForkJoinPool-1-worker-#": 12). */
    static Map<String, Integer> threadsByName() {
        Map<String, Integer> byName = new TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) { // platform threads only
            byName.merge(t.getName().replaceAll("\\d+", "#"), 1, Integer::sum);
        }
        return byName;
    }
}
