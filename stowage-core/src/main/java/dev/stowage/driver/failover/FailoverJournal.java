package dev.stowage.driver.failover;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The durable record of what a failover disk owes its primary: writes that landed on a fallback and
 * deletes made while the primary was away. Each record is made durable before the call that made
 * it returns; the latest record of a key wins. Where records live is up to the subclass: a file
 * ({@link FileJournal}) or objects on a disk ({@link DiskJournal}).
 *
 * <p>A record as text (one line): {@code P seq member size crc32c|- key} for a write stored on
 * fallback number {@code member}, {@code D seq key} for a delete; keys URL-encoded.
 */
abstract class FailoverJournal implements AutoCloseable {

    enum Kind { PUT, DELETE }

    /** One pending record. */
    record Entry(long seq, Kind kind, String key, int member, long size, String crc32c) {
        String line() {
            String k = URLEncoder.encode(key, StandardCharsets.UTF_8);
            return kind == Kind.PUT
                    ? "P " + seq + " " + member + " " + size + " " + (crc32c == null ? "-" : crc32c) + " " + k + "\n"
                    : "D " + seq + " " + k + "\n";
        }

        /** Parses {@link #line()} (without its newline). */
        static Entry parse(String line) {
            String[] f = line.split(" ");
            return switch (f[0]) {
                case "P" -> new Entry(Long.parseLong(f[1]), Kind.PUT, decode(f[5]), Integer.parseInt(f[2]),
                        Long.parseLong(f[3]), f[4].equals("-") ? null : f[4]);
                case "D" -> new Entry(Long.parseLong(f[1]), Kind.DELETE, decode(f[2]), -1, -1, null);
                default -> throw new IllegalArgumentException("unknown record '" + line + "'");
            };
        }

        private static String decode(String s) {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        }
    }

    protected final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Entry> pending = new HashMap<>();
    private final Map<Long, String> keyOfSeq = new HashMap<>();
    private long nextSeq = 1;

    /** Adds a loaded or new record to the index; returns the record it replaces, if any. */
    protected final Entry index(Entry e) {
        Entry old = pending.put(e.key(), e);
        if (old != null) {
            keyOfSeq.remove(old.seq());
        }
        keyOfSeq.put(e.seq(), e.key());
        nextSeq = Math.max(nextSeq, e.seq() + 1);
        return old;
    }

    /** Removes a record from the index if it is still its key's latest. */
    protected final void unindex(long seq) {
        String key = keyOfSeq.remove(seq);
        if (key != null) {
            Entry e = pending.get(key);
            if (e != null && e.seq() == seq) {
                pending.remove(key);
            }
        }
        nextSeq = Math.max(nextSeq, seq + 1);
    }

    /** Makes a new record durable; {@code replaced} is the key's previous record, or {@code null}. */
    protected abstract void persist(Entry record, Entry replaced);

    /** Makes "record done" durable. */
    protected abstract void persistDone(Entry record);

    /** Reclaims space of done records. */
    abstract void compact();

    /** Where the records live, for messages. */
    abstract String describe();

    @Override
    public abstract void close();

    /** The pending record of a key, if any. */
    final Optional<Entry> pending(String key) {
        lock.lock();
        try {
            return Optional.ofNullable(pending.get(key));
        } finally {
            lock.unlock();
        }
    }

    /** Every pending record, oldest first. */
    final List<Entry> pendingEntries() {
        lock.lock();
        try {
            List<Entry> all = new ArrayList<>(pending.values());
            all.sort(Comparator.comparingLong(Entry::seq));
            return all;
        } finally {
            lock.unlock();
        }
    }

    final int size() {
        lock.lock();
        try {
            return pending.size();
        } finally {
            lock.unlock();
        }
    }

    /** Durably records a write that landed on fallback {@code member}. */
    final Entry recordPut(String key, int member, long size, String crc32c) {
        return append(new Entry(0, Kind.PUT, key, member, size, crc32c));
    }

    /** Durably records a delete the primary has not seen. */
    final Entry recordDelete(String key) {
        return append(new Entry(0, Kind.DELETE, key, -1, -1, null));
    }

    private Entry append(Entry template) {
        lock.lock();
        try {
            Entry e = new Entry(nextSeq, template.kind(), template.key(), template.member(), template.size(),
                    template.crc32c());
            persist(e, pending.get(e.key()));
            index(e);
            return e;
        } finally {
            lock.unlock();
        }
    }

    /** Durably marks {@code entry} done, if it is still the key's pending record. */
    final void complete(Entry entry) {
        lock.lock();
        try {
            Entry current = pending.get(entry.key());
            if (current != null && current.seq() == entry.seq()) {
                persistDone(entry);
                unindex(entry.seq());
            }
        } finally {
            lock.unlock();
        }
    }
}
