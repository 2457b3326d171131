package dev.stowage.bench;

import dev.stowage.Content;
import dev.stowage.Storage;
import dev.stowage.Stowage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The local driver against raw {@code java.nio.file} at the same durability: every write is
 * fsynced on both sides. Two NIO baselines: an atomic write (temp file, fsync, atomic rename:
 * what the local driver promises) and, with {@code -Dplain=true}, a plain in-place write with
 * fsync (cheaper, not atomic).
 *
 * <p>Run: {@code ./mvnw -q -pl stowage-bench -am package -DskipTests exec:exec -Dbench=local}, with
 * optional {@code -Dwarmup.ms=8000 -Drounds=15 -Dmetadata=auto|xattr|sidecar -Dinterleave=op|round}.
 */
public final class LocalBench {
    private static final int KEYS = 64;

    private LocalBench() {
    }

    public static void main(String[] args) throws Exception {
        long warmupMillis = Long.getLong("warmup.ms", 8_000);
        int rounds = Integer.getInteger("rounds", 15);
        String metadata = orDefault(System.getProperty("metadata"), "auto");
        boolean byOperation = !"round".equals(System.getProperty("interleave"));
        boolean plain = Boolean.getBoolean("plain");
        String workloads = System.getProperty("workloads", "put,get");
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("bench.dir", "target")).toAbsolutePath(),
                "local-bench-");
        System.out.println("# local driver (metadata=" + metadata + ") vs java.nio, fsync on both sides; warm-up "
                + warmupMillis + " ms per workload, " + rounds + " rounds, interleaved by "
                + (byOperation ? "operation" : "round")
                + "; ratio = Stowage throughput / NIO throughput (>1: Stowage faster)");
        System.out.println(Machine.line());
        System.out.println(AlternatingRunner.markdownHeader());
        try (Storage storage = Stowage.open("file://" + dir.resolve("stowage") + "?metadata=" + metadata)) {
            Path raw = Files.createDirectories(dir.resolve("raw"));
            for (int size : new int[] {4 * 1024, 1024 * 1024}) {
                AlternatingRunner puts = new AlternatingRunner(warmupMillis, rounds, size < 100_000 ? 100 : 30,
                        byOperation);
                AlternatingRunner gets = new AlternatingRunner(warmupMillis, rounds, size < 100_000 ? 4000 : 300,
                        byOperation);
                byte[] data = new byte[size];
                new Random(42).nextBytes(data);
                String label = size < 1024 * 1024 ? (size / 1024) + " KiB" : (size / (1024 * 1024)) + " MiB";
                Contender stowagePut = Contender.of("stowage local put", i -> storage.put(key(i), Content.of(data)));
                Contender atomicPut = Contender.of("nio atomic put (tmp+fsync+rename)", i -> atomicWrite(raw, key(i), data));
                Contender plainPut = Contender.of("nio put (fsync)", i -> plainWrite(raw.resolve(key(i)), data));
                if (workloads.contains("put") || workloads.contains("get")) {
                    // gets read what the puts wrote: at least fill every key once
                    for (int i = 0; i < KEYS; i++) {
                        stowagePut.run(i);
                        atomicPut.run(i);
                    }
                }
                if (workloads.contains("put")) {
                    print(puts.compare("put " + label, stowagePut, atomicPut));
                }
                if (plain) {
                    print(puts.compare("put " + label, stowagePut, plainPut));
                }
                Contender stowageGet = Contender.of("stowage local get", i -> consume(storage.getBytes(key(i))));
                Contender nioGet = Contender.of("nio get", i -> consume(Files.readAllBytes(raw.resolve(key(i)))));
                if (workloads.contains("get")) {
                    print(gets.compare("get " + label, stowageGet, nioGet));
                    Contender checkedGet = Contender.of("nio get, same link checks", i -> consume(checkedRead(raw, key(i))));
                    print(gets.compare("get " + label, stowageGet, checkedGet));
                }
            }
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }

    private static String key(int i) {
        return "bench/obj-" + (i % KEYS) + ".bin";
    }

    private static void print(AlternatingRunner.Result r) {
        System.out.println(r.markdownRow());
    }

    private static void atomicWrite(Path root, String key, byte[] data) throws IOException {
        Path target = root.resolve(key);
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
        plainWrite(temp, data);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void plainWrite(Path target, byte[] data) throws IOException {
        Files.createDirectories(target.getParent());
        try (FileChannel ch = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(data);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
    }

    /**
     * What a read costs with the local driver's containment checks done by hand on absolute paths:
     * {@code lstat} every folder below the root and the file (no links, a regular file, known
     * before opening, so a FIFO is never opened), then open without following links.
     */
    private static byte[] checkedRead(Path root, String key) throws IOException {
        Path file = root.resolve(key);
        for (Path dir = file.getParent(); !dir.equals(root); dir = dir.getParent()) {
            if (!Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isDirectory()) {
                throw new IOException("not a folder: " + dir);
            }
        }
        if (!Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isRegularFile()) {
            throw new IOException("not a file: " + file);
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer b = ByteBuffer.allocate((int) ch.size());
            while (b.hasRemaining() && ch.read(b) >= 0) {
                // fill
            }
            return b.array();
        }
    }

    private static volatile int sink;

    private static void consume(byte[] bytes) {
        sink += bytes.length;
    }


}
