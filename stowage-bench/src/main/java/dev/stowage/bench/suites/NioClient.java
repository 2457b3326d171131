package dev.stowage.bench.suites;

import dev.stowage.bench.harness.ObjectClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Raw {@code java.nio.file} at the local driver's durability, the floor Stowage's local driver is
 * measured against: every write goes to a fresh temp file (same file system), is forced to disk
 * ({@code fsync}) and renamed over the key atomically, as the driver promises. Reads are
 * {@code Files.readAllBytes}, stat is {@code Files.size}, listing is {@code Files.list} (one
 * level) or {@code Files.walk} (recursive), uploads stream through a 64 KiB buffer, downloads are a
 * {@code FileChannel.transferTo} copy, and asynchronous puts run on virtual threads. No
 * containment checks, no metadata, no checksum: what the JDK alone costs.
 */
final class NioClient implements ObjectClient {
    private final Path root;
    private final Path temps;
    private final AtomicLong counter = new AtomicLong();
    private final ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor();

    /** Objects under {@code root}, temp files in {@code temps} (same file system). */
    NioClient(Path root, Path temps) throws IOException {
        this.root = Files.createDirectories(root);
        this.temps = Files.createDirectories(temps);
    }

    @Override
    public String name() {
        return "nio";
    }

    @Override
    public void put(String key, byte[] data) throws IOException {
        Path temp = nextTemp();
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(data);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        publish(temp, root.resolve(key));
    }

    @Override
    public byte[] get(String key) throws IOException {
        return Files.readAllBytes(root.resolve(key));
    }

    @Override
    public long stat(String key) throws IOException {
        return Files.size(root.resolve(key));
    }

    @Override
    public int list(String prefix, boolean delimiter) throws IOException {
        Path dir = root.resolve(prefix);
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        if (delimiter) {
            try (Stream<Path> entries = Files.list(dir)) {
                return (int) entries.count();
            }
        }
        try (Stream<Path> all = Files.walk(dir)) {
            return (int) all.filter(Files::isRegularFile).count();
        }
    }

    @Override
    public void deleteAll(List<String> keys) throws IOException {
        for (String key : keys) {
            Files.deleteIfExists(root.resolve(key));
        }
    }

    @Override
    public void upload(String key, InputStream in, long length) throws IOException {
        Path temp = nextTemp();
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            byte[] chunk = new byte[64 * 1024];
            int n;
            while ((n = in.read(chunk, 0, chunk.length)) >= 0) {
                ByteBuffer b = ByteBuffer.wrap(chunk, 0, n);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
            }
            ch.force(true);
        }
        publish(temp, root.resolve(key));
    }

    @Override
    public void download(String key, Path target) throws IOException {
        try (FileChannel from = FileChannel.open(root.resolve(key), StandardOpenOption.READ);
                FileChannel to = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
            long size = from.size();
            long done = 0;
            while (done < size) {
                done += from.transferTo(done, size - done, to);
            }
        }
    }

    @Override
    public CompletableFuture<?> putAsync(String key, byte[] data) {
        return CompletableFuture.runAsync(() -> {
            try {
                put(key, data);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, virtual);
    }

    @Override
    public void close() {
        virtual.shutdownNow();
    }

    private Path nextTemp() {
        return temps.resolve(Long.toString(counter.incrementAndGet(), 36));
    }

    /** Renames the temp file over the key atomically, creating the key's folders on first use. */
    private static void publish(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            Files.createDirectories(target.getParent());
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
