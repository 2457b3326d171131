package dev.stowage.bench;

import java.lang.management.ManagementFactory;

/** One line describing where a benchmark ran, printed with every result table. */
public final class Machine {
    private Machine() {
    }

    /** JVM, OS, cores and heap, e.g. for {@code docs/benchmarks.md}. */
    public static String line() {
        Runtime rt = Runtime.getRuntime();
        return "machine: " + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
                + rt.availableProcessors() + " cores, max heap " + (rt.maxMemory() >> 20) + " MiB, "
                + "JDK " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + "), "
                + "JVM args " + ManagementFactory.getRuntimeMXBean().getInputArguments();
    }
}
