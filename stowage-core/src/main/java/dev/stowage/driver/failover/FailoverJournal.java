package dev.stowage.driver.failover;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The durable record of what a failover disk owes its primary: writes that landed on a fallback and
 * deletes made while the primary was away. An append-only text file, one record a line, forced to
 * disk ({@code fsync}) before the call that wrote it returns:
 *
 * <pre>
 * P seq member size crc32c|- key     a write stored on fallback number {@code member}
 * D seq key                          a delete the primary has not seen
 * C seq                              record {@code seq} is done (replayed or superseded)
 * </pre>
 *
 * Keys are URL-encoded. The latest record of a key wins. A torn last line (a crash mid-append) is
 * ignored: its call never returned. Compaction rewrites the file atomically (temp file, fsync,
 * atomic rename) or truncates it when nothing is pending.
 */
final class FailoverJournal implements AutoCloseable {

    enum Kind { PUT, DELETE }

    /** One pending record. */
    record Entry(long seq, Kind kind, String key, int member, long size, String crc32c) {
        String line() {
            String k = URLEncoder.encode(key, StandardCharsets.UTF_8);
            return kind == Kind.PUT
                    ? "P " + seq + " " + member + " " + size + " " + (crc32c == null ? "-" : crc32c) + " " + k + "\n"
                    : "D " + seq + " " + k + "\n";
        }
    }

    private final Path file;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Entry> pending = new HashMap<>();
    private final Map<Long, String> keyOfSeq = new HashMap<>();
    private FileChannel channel;
    private long nextSeq = 1;

    FailoverJournal(Path file) {
        this.file = file.toAbsolutePath();
        try {
            Files.createDirectories(this.file.getParent());
            boolean existed = Files.exists(this.file);
            if (existed) {
                load(Files.readString(this.file, StandardCharsets.UTF_8));
            }
            channel = open();
            if (!existed) {
                forceDirectory();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the failover journal " + this.file, e);
        }
    }

    Path file() {
        return file;
    }

    private FileChannel open() throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    private void load(String text) {
        int start = 0;
        while (true) {
            int nl = text.indexOf('\n', start);
            if (nl < 0) {
                break; // no line, or a torn last line whose call never returned
            }
            String line = text.substring(start, nl);
            start = nl + 1;
            String[] f = line.split(" ");
            try {
                switch (f[0]) {
                    case "P" -> put(new Entry(Long.parseLong(f[1]), Kind.PUT, decode(f[5]), Integer.parseInt(f[2]),
                            Long.parseLong(f[3]), f[4].equals("-") ? null : f[4]));
                    case "D" -> put(new Entry(Long.parseLong(f[1]), Kind.DELETE, decode(f[2]), -1, -1, null));
                    case "C" -> done(Long.parseLong(f[1]));
                    default -> throw new IllegalStateException("unknown record");
                }
                nextSeq = Math.max(nextSeq, Long.parseLong(f[1]) + 1);
            } catch (RuntimeException e) {
                throw new IllegalStateException("failover journal " + file + " has a damaged line: '" + line + "'", e);
            }
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private void put(Entry e) {
        Entry old = pending.put(e.key(), e);
        if (old != null) {
            keyOfSeq.remove(old.seq());
        }
        keyOfSeq.put(e.seq(), e.key());
    }

    private void done(long seq) {
        String key = keyOfSeq.remove(seq);
        if (key != null) {
            Entry e = pending.get(key);
            if (e != null && e.seq() == seq) {
                pending.remove(key);
            }
        }
    }

    /** The pending record of a key, if any. */
    Optional<Entry> pending(String key) {
        lock.lock();
        try {
            return Optional.ofNullable(pending.get(key));
        } finally {
            lock.unlock();
        }
    }

    /** Every pending record, oldest first. */
    List<Entry> pendingEntries() {
        lock.lock();
        try {
            List<Entry> all = new ArrayList<>(pending.values());
            all.sort(Comparator.comparingLong(Entry::seq));
            return all;
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return pending.size();
        } finally {
            lock.unlock();
        }
    }

    /** Durably records a write that landed on fallback {@code member}. */
    Entry recordPut(String key, int member, long size, String crc32c) {
        return append(seq -> new Entry(seq, Kind.PUT, key, member, size, crc32c));
    }

    /** Durably records a delete the primary has not seen. */
    Entry recordDelete(String key) {
        return append(seq -> new Entry(seq, Kind.DELETE, key, -1, -1, null));
    }

    private Entry append(java.util.function.LongFunction<Entry> make) {
        lock.lock();
        try {
            Entry e = make.apply(nextSeq++);
            write(e.line());
            put(e);
            return e;
        } finally {
            lock.unlock();
        }
    }

    /** Durably marks {@code entry} done, if it is still the key's pending record. */
    void complete(Entry entry) {
        lock.lock();
        try {
            Entry current = pending.get(entry.key());
            if (current != null && current.seq() == entry.seq()) {
                write("C " + entry.seq() + "\n");
                done(entry.seq());
            }
        } finally {
            lock.unlock();
        }
    }

    private void write(String line) {
        try {
            ByteBuffer buf = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the failover journal " + file, e);
        }
    }

    /** Rewrites the file with only the pending records (truncates it when there are none). */
    void compact() {
        lock.lock();
        try {
            if (pending.isEmpty()) {
                channel.truncate(0);
                channel.force(true);
                return;
            }
            Path tmp = file.resolveSibling(file.getFileName() + ".compact");
            StringBuilder b = new StringBuilder();
            for (Entry e : pendingEntries()) {
                b.append(e.line());
            }
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(b.toString().getBytes(StandardCharsets.UTF_8));
                while (buf.hasRemaining()) {
                    out.write(buf);
                }
                out.force(true);
            }
            channel.close();
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory();
            channel = open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compact the failover journal " + file, e);
        } finally {
            lock.unlock();
        }
    }

    private void forceDirectory() {
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // some platforms cannot open a directory; the file's own fsync still holds the records
        }
    }

    /** Bytes in the file now. */
    long fileSize() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing after every record was forced: nothing is lost
        } finally {
            lock.unlock();
        }
    }
}
