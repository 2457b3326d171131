package dev.stowage.bench.harness;

import dev.stowage.bench.Contender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The workloads issue 10 names, built the same way for every driver from one {@link ObjectClient}
 * per contender: put/get of 4 KiB, 1 MiB and 64 MiB, stat, list of 10,000 keys with and without
 * a delimiter, delete of 1,000 keys, a 256 MiB upload and parallel download, and 10,000
 * concurrent 4 KiB puts. Each client works under its own prefix (its name), writes its own data
 * set with its own API, and is measured only on what it wrote.
 */
public final class StandardWorkloads {
    /** Keys the put/get workloads rotate over. */
    static final int KEYS = 32;
    static final int LIST_KEYS = 10_000;
    static final int DELETE_KEYS = 1_000;
    static final int CONCURRENT_PUTS = 10_000;
    static final long BIG = 256L << 20;

    /** One baseline client with the kind and target of its comparison. */
    public record Side(ObjectClient client, Baseline.Kind kind, double target) {
        /** OpenDAL: target 1.0. */
        public static Side opendal(ObjectClient client) {
            return new Side(client, Baseline.Kind.OPENDAL, 1.0);
        }

        /** The raw SDK: target 0.95. */
        public static Side raw(ObjectClient client) {
            return new Side(client, Baseline.Kind.RAW, 0.95);
        }

        /** Raw NIO at equal durability: target 0.9. */
        public static Side nio(ObjectClient client) {
            return new Side(client, Baseline.Kind.RAW, 0.9);
        }
    }

    private final BenchSettings settings;
    private final ObjectClient stowage;
    private final List<Side> sides;
    private final String root;
    private boolean bigTransfers = true;

    /**
     * @param root a prefix of this run's own (e.g. {@code bench-<time>/}) under which every client
     *        gets a prefix of its own
     */
    public StandardWorkloads(BenchSettings settings, String root, ObjectClient stowage, List<Side> sides) {
        this.settings = settings;
        this.root = root;
        this.stowage = stowage;
        this.sides = List.copyOf(sides);
    }

    /**
     * Leaves out the 256 MiB upload and download, for a server that cannot hold them (an emulator
     * keeping objects in memory). The suite's description must say so.
     */
    public StandardWorkloads withoutBigTransfers() {
        this.bigTransfers = false;
        return this;
    }

    /** All the workloads (the small ones only in a quick run), their data written. */
    public List<Workload> build() throws Exception {
        List<Workload> list = new ArrayList<>();
        list.add(puts("put 4 KiB", 4 << 10, settings.quick() ? 20 : 50));
        list.add(gets("get 4 KiB", 4 << 10, settings.quick() ? 50 : 200));
        list.add(stats(settings.quick() ? 50 : 200));
        list.add(puts("put 1 MiB", 1 << 20, settings.quick() ? 4 : 10));
        list.add(gets("get 1 MiB", 1 << 20, settings.quick() ? 8 : 20));
        if (settings.quick()) {
            return list;
        }
        // -Dbench.skip leaves workloads out before their data is written (see WarmBench.skipped)
        if (!WarmBench.skipped("put 64 MiB")) {
            list.add(puts("put 64 MiB", 64 << 20, 1).withRounds(5));
        }
        if (!WarmBench.skipped("get 64 MiB")) {
            list.add(gets("get 64 MiB", 64 << 20, 1).withRounds(5));
        }
        if (!WarmBench.skipped("list 10,000 keys")) {
            list.add(listing(false));
        }
        if (!WarmBench.skipped("list 10,000 keys, delimiter")) {
            list.add(listing(true));
        }
        if (!WarmBench.skipped("delete 1,000 keys")) {
            list.add(deletes());
        }
        if (bigTransfers && !WarmBench.skipped("upload 256 MiB")) {
            list.add(upload().withRounds(5));
        }
        if (bigTransfers && !WarmBench.skipped("download 256 MiB")) {
            list.add(download().withRounds(5));
        }
        if (!WarmBench.skipped("10,000 concurrent")) {
            list.add(concurrentPuts().withRounds(5));
        }
        return list;
    }

    private String prefix(ObjectClient c) {
        return root + c.name().replaceAll("[^a-z0-9]+", "-") + "/";
    }

    private Workload workload(String name, int ops, Function<ObjectClient, Contender> contender) {
        List<Baseline> baselines = new ArrayList<>();
        for (Side s : sides) {
            baselines.add(Baseline.of(contender.apply(s.client()), s.kind(), s.target()));
        }
        return new Workload(name, ops, 0, contender.apply(stowage), baselines);
    }

    private static byte[] data(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    private Workload puts(String name, int size, int ops) {
        byte[] data = data(size);
        String tag = "put" + size + "/";
        // large objects rewrite one key, as the gets read one: 32 keys of 64 MiB would not fit a memory disk's heap
        int keys = size > (1 << 20) ? 1 : KEYS;
        return workload(name, ops, c -> Contender.of(c.name(), i -> c.put(prefix(c) + tag + (i % keys), data)));
    }

    private Workload gets(String name, int size, int ops) throws Exception {
        byte[] data = data(size);
        String tag = "get" + size + "/";
        for (ObjectClient c : clients()) {
            for (int i = 0; i < (size > (1 << 20) ? 1 : KEYS); i++) {
                c.put(prefix(c) + tag + i, data);
            }
        }
        int keys = size > (1 << 20) ? 1 : KEYS;
        return workload(name, ops, c -> Contender.of(c.name(), i -> {
            byte[] got = c.get(prefix(c) + tag + (i % keys));
            if (got.length != size) {
                throw new IllegalStateException(c.name() + " read " + got.length + " bytes, expected " + size);
            }
        }));
    }

    private Workload stats(int ops) throws Exception {
        byte[] data = data(4 << 10);
        for (ObjectClient c : clients()) {
            for (int i = 0; i < KEYS; i++) {
                c.put(prefix(c) + "stat/" + i, data);
            }
        }
        return workload("stat", ops, c -> Contender.of(c.name(), i -> c.stat(prefix(c) + "stat/" + (i % KEYS))));
    }

    private Workload listing(boolean delimiter) throws Exception {
        byte[] data = data(64);
        for (ObjectClient c : clients()) {
            String p = prefix(c) + "list/";
            if (c.list(p, false) < LIST_KEYS) {
                writeMany(c, p, LIST_KEYS, data);
            }
        }
        String name = delimiter ? "list 10,000 keys, delimiter" : "list 10,000 keys";
        return workload(name, 1, c -> Contender.of(c.name(), i -> {
            int n = c.list(prefix(c) + "list/", delimiter);
            if (n != LIST_KEYS) {
                throw new IllegalStateException(c.name() + " listed " + n + " entries, expected " + LIST_KEYS);
            }
        }));
    }

    private Workload deletes() {
        byte[] data = data(64);
        return workload("delete 1,000 keys", 1, c -> {
            List<List<String>> batch = new ArrayList<>(1);
            return Contender.of(c.name(), i -> {
                String p = prefix(c) + "delete/" + i + "/";
                writeMany(c, p, DELETE_KEYS, data);
                List<String> keys = new ArrayList<>(DELETE_KEYS);
                for (int k = 0; k < DELETE_KEYS; k++) {
                    keys.add(p + k);
                }
                batch.clear();
                batch.add(keys);
            }, i -> c.deleteAll(batch.get(0)));
        });
    }

    private Workload upload() {
        return workload("upload 256 MiB (stream, multipart)", 1,
                c -> Contender.of(c.name(), i -> c.upload(prefix(c) + "big-up", new DataStream(BIG), BIG)));
    }

    private Workload download() throws Exception {
        for (ObjectClient c : clients()) {
            c.upload(prefix(c) + "big-down", new DataStream(BIG), BIG);
        }
        Path dir = Files.createDirectories(settings.workDir().resolve("downloads"));
        return workload("download 256 MiB (parallel ranges)", 1, c -> Contender.of(c.name(), i -> {
            Path target = dir.resolve(c.name().replaceAll("[^a-z0-9]+", "-") + ".bin");
            c.download(prefix(c) + "big-down", target);
            if (Files.size(target) != BIG) {
                throw new IllegalStateException(c.name() + " downloaded " + Files.size(target) + " bytes");
            }
            Files.delete(target);
        }));
    }

    private Workload concurrentPuts() {
        byte[] data = data(4 << 10);
        return workload("10,000 concurrent 4 KiB puts (async)", 1,
                c -> Contender.of(c.name(), i -> writeMany(c, prefix(c) + "async/", CONCURRENT_PUTS, data)));
    }

    /** Writes {@code count} keys {@code prefix + n} through the client's async API, all in flight at once. */
    static void writeMany(ObjectClient c, String prefix, int count, byte[] data) throws Exception {
        List<CompletableFuture<?>> all = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            all.add(c.putAsync(prefix + k, data));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get();
    }

    private List<ObjectClient> clients() {
        List<ObjectClient> all = new ArrayList<>();
        all.add(stowage);
        sides.forEach(s -> all.add(s.client()));
        return all;
    }
}
