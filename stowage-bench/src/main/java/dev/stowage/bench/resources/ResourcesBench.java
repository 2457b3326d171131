package dev.stowage.bench.resources;

import dev.stowage.Storage;
import dev.stowage.bench.Machine;
import dev.stowage.bench.harness.MarkdownSections;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 10's memory and threads targets, whole-process: per driver (local, s3 on s3proxy in its
 * own JVM, azure on Azurite, memory), a forked JVM with {@code -Xmx64m} streams a 1 GiB object up
 * and down ({@link StreamProbe}, Stowage and OpenDAL each in its own JVM), and a forked JVM runs
 * 10,000 concurrent 4 KiB async puts ({@link ThreadProbe}) whose peak platform thread count must
 * stay at or below 64. A full run rewrites the {@code resources} section of docs/benchmarks.md.
 *
 * <p>Run: {@code ./mvnw -q -pl stowage-bench -am package -DskipTests exec:exec -Dbench="resources all"}
 * ({@code --quick}: 256 MiB, prints only). System properties (in {@code -Dbench.jvmArgs}):
 * {@code resources.size}, {@code resources.heap} (default {@code 64m}), {@code resources.ops},
 * {@code resources.threadsHeap} (default {@code 64m}), {@code resources.childFlag} (one extra JVM
 * flag for the probes, e.g. a JFR recording).
 */
public final class ResourcesBench {
    static final int MAX_PLATFORM_THREADS = 64;
    private static final List<String> DRIVERS = List.of("local", "s3", "azure", "memory");

    private final long size;
    private final String heap;
    private final String threadsHeap;
    private final int ops;
    private final Path work;
    private final List<String> streamRows = new ArrayList<>();
    private final List<String> threadRows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private boolean missed;

    private ResourcesBench(long size, String heap, String threadsHeap, int ops, Path work) {
        this.size = size;
        this.heap = heap;
        this.threadsHeap = threadsHeap;
        this.ops = ops;
        this.work = work;
    }

    /** {@code Bench resources <driver,...|all> [--quick]}; returns the exit code (1: a target missed). */
    public static int main(String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("--quick");
        String which = Arrays.stream(args).filter(a -> !a.startsWith("--")).findFirst().orElse("all");
        List<String> drivers = which.equals("all") ? DRIVERS : List.of(which.split(","));
        for (String d : drivers) {
            if (!DRIVERS.contains(d)) {
                System.err.println("no driver " + d + "; known: " + DRIVERS);
                return 2;
            }
        }
        long size = Long.getLong("resources.size", quick ? 256L << 20 : 1L << 30);
        Path work = Files.createTempDirectory(Path.of(System.getProperty("bench.dir", "target")).toAbsolutePath(),
                "resources-");
        ResourcesBench bench = new ResourcesBench(size, System.getProperty("resources.heap", "64m"),
                System.getProperty("resources.threadsHeap", "64m"), Integer.getInteger("resources.ops", 10_000), work);
        System.out.println("# resources: " + size + " bytes streamed in -Xmx" + bench.heap + "; " + bench.ops
                + " concurrent 4 KiB async puts in -Xmx" + bench.threadsHeap + "; work dir " + work);
        System.out.println(Machine.line());
        for (String driver : drivers) {
            bench.run(driver);
        }
        String section = bench.section(which, quick);
        System.out.println(section);
        if (!quick) {
            Path docs = Path.of(System.getProperty("docs", "../docs")).toAbsolutePath().normalize();
            MarkdownSections.replace(docs.resolve("benchmarks.md"), "resources", section);
            System.out.println("wrote " + docs.resolve("benchmarks.md") + " (section resources)");
        }
        deleteTree(work);
        return bench.missed ? 1 : 0;
    }

    private void run(String driver) throws Exception {
        Path dir = work.resolve(driver);
        Files.createDirectories(dir);
        switch (driver) {
            case "local" -> {
                Target t = new Target("local", Map.of("root", dir.resolve("stowage").toString()), "fs",
                        Map.of("root", dir.resolve("opendal").toString()));
                measure(t, dir);
            }
            case "memory" -> {
                notes.add("memory: no streaming row: a memory disk holds each object whole in the heap, so a "
                        + size / (1 << 20) + " MiB object cannot fit a " + heap + " heap by design.");
                Target t = new Target("memory", Map.of(), "memory", Map.of("root", "/"));
                threads(t, dir);
            }
            case "s3" -> {
                try (Servers.Server server = Servers.s3proxy(dir.resolve("s3proxy-data"))) {
                    Target t = new Target("s3", Map.of("bucket", "res", "endpoint", server.endpoint(), "path-style",
                            "true", "access-key", Servers.S3_ACCESS, "secret-key", Servers.S3_SECRET, "create-bucket",
                            "true"), "s3", Map.of("bucket", "res", "endpoint", server.endpoint(), "region", "us-east-1",
                            "access_key_id", Servers.S3_ACCESS, "secret_access_key", Servers.S3_SECRET,
                            "disable_config_load", "true", "disable_ec2_metadata", "true"));
                    create(t);
                    measure(t, dir);
                }
            }
            case "azure" -> {
                Path azuriteDir = Path.of(System.getProperty("azurite.dir", "../stowage-azure")).toAbsolutePath()
                        .normalize();
                try (Servers.Server server = Servers.azurite(azuriteDir, dir.resolve("azurite-data"))) {
                    Target t = new Target("azure", Map.of("container", "res", "account", Servers.AZURE_ACCOUNT,
                            "account-key", Servers.AZURE_KEY, "endpoint", server.endpoint(), "create-container", "true"),
                            "azblob", Map.of("container", "res", "endpoint", server.endpoint(), "account_name",
                            Servers.AZURE_ACCOUNT, "account_key", Servers.AZURE_KEY));
                    create(t);
                    measure(t, dir);
                }
            }
            default -> throw new IllegalArgumentException(driver);
        }
    }

    /** Opens the disk once here so that its bucket or container exists before the probes start. */
    private static void create(Target t) {
        try (Storage ignored = t.open()) {
            // create-bucket / create-container did the work
        }
    }

    private void measure(Target t, Path dir) throws Exception {
        for (String contender : List.of("stowage", "opendal")) {
            List<String> args = new ArrayList<>(t.toArgs());
            args.addAll(List.of("contender=" + contender, "size=" + size, "dir=" + dir.resolve("downloads")));
            ForkedJvm.Outcome o = ForkedJvm.run(flags(heap, dir, "stream-" + contender), StreamProbe.class, args,
                    dir.resolve("stream-" + contender + ".log"), Duration.ofMinutes(20));
            for (String phase : List.of("upload", "download to file", "download to stream")) {
                streamRow(t.driver(), contender, phase, o);
            }
            if (!o.ok()) {
                System.out.println("probe failed (exit " + o.exitCode() + "), log " + o.log() + ":\n" + o.tail());
            }
        }
        threads(t, dir);
    }

    private void threads(Target t, Path dir) throws Exception {
        for (String contender : t.opendalScheme() == null ? List.of("stowage") : List.of("stowage", "opendal")) {
            List<String> args = new ArrayList<>(t.toArgs());
            args.addAll(List.of("contender=" + contender, "ops=" + ops, "size=4096"));
            ForkedJvm.Outcome o = ForkedJvm.run(flags(threadsHeap, dir, "threads-" + contender), ThreadProbe.class,
                    args, dir.resolve("threads-" + contender + ".log"), Duration.ofMinutes(30)); // Azurite is slow
            Map<String, String> r = o.phase("threads");
            String what = contender.equals("stowage") ? "stowage `async().put`" : "opendal `AsyncOperator.write`";
            if (r == null || r.containsKey("error") || !o.ok()) {
                String error = r != null && r.containsKey("error") ? r.get("error") : "exit " + o.exitCode();
                threadRows.add("| " + t.driver() + " | " + what + " | " + ops + " | - | - | - | - | - | - | FAIL: " + error + " | |");
                missed |= contender.equals("stowage");
                System.out.println("threads probe failed, log " + o.log() + ":\n" + o.tail());
                continue;
            }
            double seconds = Double.parseDouble(r.get("seconds"));
            int peak = Integer.parseInt(r.get("peak"));
            boolean pass = peak <= MAX_PLATFORM_THREADS;
            if (contender.equals("stowage")) {
                missed |= !pass;
            }
            String row = String.format(Locale.ROOT, "| %s | %s | %d | %.2f | %.0f | %s | %s | %s | **%d** | %s | %s |",
                    t.driver(), what, ops, seconds, ops / seconds, r.get("gcs"),
                    r.containsKey("peakHeap") ? mib(Long.parseLong(r.get("peakHeap"))) : "-", r.get("before"), peak,
                    contender.equals("stowage") ? (pass ? "PASS" : "**FAIL**") : (pass ? "(pass)" : "(over)"),
                    r.get("names"));
            threadRows.add(row);
            System.out.println(row);
        }
    }

    private void streamRow(String driver, String contender, String phase, ForkedJvm.Outcome o) {
        Map<String, String> r = o.phase(phase);
        String what = switch (phase) {
            case "upload" -> contender.equals("stowage") ? "upload `put(Content.of(stream, length))`"
                    : "upload `createOutputStream`";
            case "download to file" -> contender.equals("stowage") ? "download to file `download`"
                    : "download to file (4 ranged reads of 8 MiB at once)";
            default -> contender.equals("stowage") ? "download to stream `open().transferTo`"
                    : "download to stream `createInputStream().transferTo`";
        };
        if (r == null) {
            streamRows.add("| " + driver + " | " + contender + " | " + what + " | - | - | - | - | not run (an earlier phase failed) |");
            return;
        }
        String peak = r.containsKey("peakHeap") ? mib(Long.parseLong(r.get("peakHeap"))) : "-";
        if (r.containsKey("error")) {
            streamRows.add("| " + driver + " | " + contender + " | " + what + " | - | - | " + peak + " | - | **FAIL**: "
                    + r.get("error") + " |");
            missed |= contender.equals("stowage");
            System.out.println(streamRows.getLast());
            return;
        }
        double seconds = Double.parseDouble(r.get("seconds"));
        long bytes = Long.parseLong(r.get("bytes"));
        String row = String.format(Locale.ROOT, "| %s | %s | %s | %.2f | %.0f | %s | %s | %s |", driver, contender,
                what, seconds, bytes / seconds / 1e6, peak, r.get("gcs"),
                Boolean.parseBoolean(r.get("verified")) ? "size + CRC32C ok" : "**FAIL**");
        streamRows.add(row);
        System.out.println(row);
    }

    private static List<String> flags(String heap, Path dir, String name) {
        List<String> flags = new ArrayList<>(List.of("-Xmx" + heap, "--enable-native-access=ALL-UNNAMED",
                "-XX:+HeapDumpOnOutOfMemoryError", "-XX:HeapDumpPath=" + dir.resolve(name + ".hprof")));
        String extra = System.getProperty("resources.childFlag", "");
        if (!extra.isBlank()) {
            flags.add(extra.replace("{name}", name));
        }
        return flags;
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / (double) (1 << 20));
    }

    private String section(String which, boolean quick) {
        String when = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        StringBuilder b = new StringBuilder();
        b.append("### Memory and threads\n\n");
        b.append("Command: `./mvnw -q -pl stowage-bench -am package -DskipTests exec:exec -Dbench=\"resources ")
                .append(which).append(quick ? " --quick" : "").append("\"`\n\n");
        b.append("Measured ").append(when).append(". Every probe is a JVM of its own (same JDK and class path). ")
                .append(Machine.line()).append(" (the launcher; the probes run with `-Xmx").append(heap)
                .append("` and `-Xmx").append(threadsHeap).append("`).\n\n");
        b.append("**Memory target:** ").append(size >> 20).append(" MiB through a JVM started with `-Xmx").append(heap)
                .append("`: uploaded from a generated stream (never held whole), downloaded into a file and into a ")
                .append("discarding stream, each verified (size and CRC32C). Peak heap = the heap pools' peak usage ")
                .append("(reset after a `System.gc()` before each phase) summed: an upper bound, as the pools need not ")
                .append("peak together. OpenDAL's buffers live in native memory, outside the Java heap, and are not ")
                .append("counted. Both fsync each file (OpenDAL's `fs` service does, checked with strace; see the local section).\n\n");
        b.append("| driver | contender | operation | s | MB/s | peak heap MiB | GCs | check |\n");
        b.append("|---|---|---|---|---|---|---|---|\n");
        streamRows.forEach(r -> b.append(r).append('\n'));
        notes.forEach(n -> b.append("\n").append(n).append('\n'));
        b.append("\n**Threads target:** ").append(ops).append(" concurrent 4 KiB puts, all started at once, in a JVM ")
                .append("started with `-Xmx").append(threadsHeap).append("` (200 puts first, to load classes and open ")
                .append("connections). Platform threads: `ThreadMXBean` counts (it counts platform threads only; ")
                .append("virtual threads are never in them): live before, peak during (reset just before), and those ")
                .append("alive after, by name (digits shown as #). Target: peak <= ").append(MAX_PLATFORM_THREADS)
                .append(" for Stowage; OpenDAL shown for comparison (its Tokio workers are native threads, counted ")
                .append("only while attached to the JVM).\n\n");
        b.append("| driver | contender | ops | s | ops/s | GCs | peak heap MiB | threads before | peak | <= ")
                .append(MAX_PLATFORM_THREADS).append(" | platform threads after the run |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        threadRows.forEach(r -> b.append(r).append('\n'));
        return b.toString();
    }

    private static void deleteTree(Path root) {
        try (var walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException ignored) {
            // a leftover scratch directory under target/ is harmless
        }
    }
}
