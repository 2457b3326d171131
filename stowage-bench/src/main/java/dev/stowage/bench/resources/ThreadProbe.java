package dev.stowage.bench.resources;

import dev.stowage.Content;
import dev.stowage.Storage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.opendal.AsyncOperator;
import org.apache.opendal.ListOptions;

/**
 * Runs in a JVM of its own: starts {@code ops} puts of {@code size} bytes at once, all in flight
 * together, through {@code storage.async().put} (contender {@code stowage}) or OpenDAL's
 * {@code AsyncOperator.write} (contender {@code opendal}), waits for all, checks that every key
 * is stored, and reports the elapsed time and the platform threads: live before, the peak during
 * (ThreadMXBean, reset just before; it counts platform threads only, never virtual ones) and,
 * grouped by name, those alive right after.
 *
 * <p>Arguments: {@code contender=stowage|opendal ops=N size=BYTES} and the {@link Target}.
 */
public final class ThreadProbe {
    private static final int WARM_UP_OPS = 200;

    private ThreadProbe() {
    }

    public static void main(String[] args) throws Exception {
        Target target = Target.fromArgs(args);
        String contender = Target.arg(args, "contender", "stowage");
        int ops = Integer.parseInt(Target.arg(args, "ops", "10000"));
        byte[] data = new byte[Integer.parseInt(Target.arg(args, "size", "4096"))];
        new java.util.Random(1).nextBytes(data);
        String prefix = "res/threads-" + contender + "-" + ProcessHandle.current().pid() + "/";
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("phase", "threads");
        r.put("driver", target.driver());
        r.put("contender", contender);
        r.put("ops", ops);
        try (Side side = contender.equals("opendal") ? opendal(target) : stowage(target)) {
            all(side, prefix + "warm-", WARM_UP_OPS, data); // classes loaded, connections and executors up
            Meter.reset();
            r.put("before", Meter.liveThreads());
            long gcs = Meter.gcCount();
            long start = System.nanoTime();
            all(side, prefix + "k-", ops, data);
            r.put("seconds", (System.nanoTime() - start) / 1e9);
            r.put("peak", Meter.peakThreads());
            r.put("after", Meter.liveThreads());
            r.put("gcs", Meter.gcCount() - gcs);
            r.put("peakHeap", Meter.peakHeap());
            r.put("names", Meter.threadsByName().entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
                    .collect(Collectors.joining(", ")));
            long stored = side.count(prefix + "k-");
            r.put("verified", stored == ops);
            if (stored != ops) {
                r.put("error", "stored " + stored + " of " + ops + " keys");
            }
            // no clean-up: the disk or server is the benchmark's own, thrown away after the run
        } catch (Throwable t) {
            r.put("error", ForkedJvm.describe(t));
            t.printStackTrace(System.out);
        }
        System.out.println(ForkedJvm.line(r));
        System.out.flush();
        System.exit(r.containsKey("error") ? 3 : 0);
    }

    private static void all(Side side, String prefix, int n, byte[] data) throws Exception {
        List<CompletableFuture<?>> futures = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            futures.add(side.put(prefix + i, data));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
    }

    /** A contender's async put, and what checks and cleans up after it. */
    private interface Side extends AutoCloseable {
        CompletableFuture<?> put(String key, byte[] data) throws Exception;

        long count(String prefix) throws Exception;
    }

    private static Side stowage(Target target) {
        Storage storage = target.open();
        return new Side() {
            @Override
            public CompletableFuture<?> put(String key, byte[] data) {
                return storage.async().put(key, Content.of(data));
            }

            @Override
            public long count(String prefix) {
                try (var s = storage.list(prefix)) {
                    return s.count();
                }
            }

            @Override
            public void close() {
                storage.close();
            }
        };
    }

    private static Side opendal(Target target) {
        AsyncOperator async = AsyncOperator.of(target.opendalScheme(), target.opendal());
        return new Side() {
            @Override
            public CompletableFuture<?> put(String key, byte[] data) {
                return async.write(key, data);
            }

            @Override
            public long count(String prefix) {
                String dir = prefix.substring(0, prefix.lastIndexOf('/') + 1);
                String stem = prefix.substring(dir.length());
                return async.blocking().list(dir, ListOptions.builder().recursive(true).build()).stream()
                        .filter(e -> e.getPath().substring(e.getPath().lastIndexOf('/') + 1).startsWith(stem))
                        .count();
            }

            @Override
            public void close() {
                async.close();
            }
        };
    }
}
