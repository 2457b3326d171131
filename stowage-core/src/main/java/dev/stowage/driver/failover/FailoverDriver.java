package dev.stowage.driver.failover;

import dev.stowage.ByteRange;
import dev.stowage.Capabilities;
import dev.stowage.Capability;
import dev.stowage.ChecksumAlgorithm;
import dev.stowage.Content;
import dev.stowage.ObjectInfo;
import dev.stowage.ObjectNotFoundException;
import dev.stowage.Operation;
import dev.stowage.Page;
import dev.stowage.SignedUrlOptions;
import dev.stowage.StorageException;
import dev.stowage.StorageUnavailableException;
import dev.stowage.layer.Failures;
import dev.stowage.spi.Checksums;
import dev.stowage.spi.ListQuery;
import dev.stowage.spi.StorageDriver;
import dev.stowage.spi.WriteOptions;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A disk that keeps working when its primary does not, and loses nothing.
 *
 * <p><b>Writes</b> go to the primary. When the primary is unavailable (after its own retry layer),
 * or its circuit breaker is open, the write goes to the first fallback that takes it, and is
 * recorded in a durable journal (appended and forced to disk) before the call returns. Deletes made
 * while the primary is away are deleted from the fallbacks and journaled too. Conditional writes
 * are not failed over: a fallback cannot check a precondition against the primary's object.
 *
 * <p><b>Reads</b> of a key with a journaled write come from the fallback holding it (and a
 * journaled delete reads as missing), so callers read their own writes. Other reads go to the
 * primary, then to the fallbacks when the primary is unavailable or, if configured, does not have
 * the key. Listings come from the primary (from the first answering fallback while it is away)
 * with the journaled changes applied: written keys appear, deleted keys disappear.
 *
 * <p><b>Circuit breakers</b>: one per member, so a dead primary costs one fast failure instead of
 * a timeout per call; after the open interval one call probes it.
 *
 * <p><b>{@link #reconcile()}</b> replays the journal: copies each object back to the primary
 * (streamed), verifies size and CRC32C, optionally deletes the fallback copy, then marks the record
 * done. Each step is safe to repeat, so a crash anywhere neither loses nor duplicates work: a
 * replay after a crash copies again (same bytes), or finds the fallback copy already gone and the
 * primary's object matching the journaled size and checksum. Writes and reconciliation of the same
 * key are serialised by a per-key lock, so a replay never overwrites a newer write.
 *
 * <p>Members belong to whoever created them: closing a failover disk closes its journal and
 * background reconciler, not the members.
 */
public final class FailoverDriver implements StorageDriver {
    private static final Logger LOG = System.getLogger("dev.stowage.failover");
    private static final int STRIPES = 1024;

    private final String disk;
    private final StorageDriver primary;
    private final List<StorageDriver> fallbacks;
    private final CircuitBreaker primaryBreaker;
    private final List<CircuitBreaker> fallbackBreakers;
    private final FailoverJournal journal;
    private final boolean readFallbackOnMissing;
    private final boolean deleteFallbackCopies;
    private final Capabilities capabilities;
    private final ReentrantLock[] keyLocks = new ReentrantLock[STRIPES];
    private final ReentrantLock reconcileLock = new ReentrantLock();
    private final ScheduledExecutorService reconciler;

    private FailoverDriver(Builder b) {
        this.disk = b.disk;
        this.primary = Objects.requireNonNull(b.primary, "a failover disk needs a primary");
        if (b.fallbacks.isEmpty()) {
            throw new IllegalArgumentException("a failover disk needs at least one fallback");
        }
        this.fallbacks = List.copyOf(b.fallbacks);
        this.primaryBreaker = new CircuitBreaker(b.failureThreshold, b.openDuration);
        this.fallbackBreakers = fallbacks.stream().map(f -> new CircuitBreaker(b.failureThreshold, b.openDuration))
                .toList();
        if (b.journal == null && b.journalDisk == null) {
            throw new IllegalArgumentException("a failover disk needs a journal: a file or a disk");
        }
        this.journal = b.journalDisk != null ? new DiskJournal(b.journalDisk, disk) : new FileJournal(b.journal);
        this.readFallbackOnMissing = b.readFallbackOnMissing;
        this.deleteFallbackCopies = b.deleteFallbackCopies;
        EnumSet<Capability> common = EnumSet.copyOf(primary.capabilities().supported().isEmpty()
                ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(primary.capabilities().supported()));
        fallbacks.forEach(f -> common.retainAll(f.capabilities().supported()));
        this.capabilities = new Capabilities(common);
        for (int i = 0; i < STRIPES; i++) {
            keyLocks[i] = new ReentrantLock();
        }
        if (b.reconcileInterval != null) {
            reconciler = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual()
                    .name("stowage-reconcile-" + disk).factory());
            long ms = b.reconcileInterval.toMillis();
            reconciler.scheduleWithFixedDelay(this::backgroundReconcile, ms, ms, TimeUnit.MILLISECONDS);
        } else {
            reconciler = null;
        }
        if (journal.size() > 0) {
            LOG.log(Level.INFO, "failover disk ''{0}'': {1} journaled change(s) await reconcile", disk, journal.size());
        }
    }

    /** A builder for a failover disk named {@code disk}. */
    public static Builder builder(String disk) {
        return new Builder(disk);
    }

    /** Settings of a failover disk. */
    public static final class Builder {
        private final String disk;
        private StorageDriver primary;
        private final List<StorageDriver> fallbacks = new ArrayList<>();
        private Path journal;
        private StorageDriver journalDisk;
        private int failureThreshold = 3;
        private Duration openDuration = Duration.ofSeconds(5);
        private boolean readFallbackOnMissing;
        private boolean deleteFallbackCopies = true;
        private Duration reconcileInterval;

        private Builder(String disk) {
            this.disk = Objects.requireNonNull(disk, "disk");
        }

        public Builder primary(StorageDriver primary) {
            this.primary = primary;
            return this;
        }

        /** Adds a fallback; they are tried in the order added. */
        public Builder fallback(StorageDriver fallback) {
            this.fallbacks.add(fallback);
            return this;
        }

        /** The journal file (created if absent; its directory too). */
        public Builder journal(Path file) {
            this.journal = file;
            return this;
        }

        /**
         * Keep the journal as objects on this disk instead of a file (under
         * {@code failover-journal/<disk>/}); it must not be a member of this failover disk.
         */
        public Builder journalOn(StorageDriver disk) {
            this.journalDisk = disk;
            return this;
        }

        /** Consecutive "unavailable" failures that open a member's circuit, and how long it stays open. */
        public Builder circuitBreaker(int failureThreshold, Duration openDuration) {
            this.failureThreshold = failureThreshold;
            this.openDuration = openDuration;
            return this;
        }

        /** Also read from the fallbacks when the primary answers "not found". Default false. */
        public Builder readFallbackOnMissing(boolean yes) {
            this.readFallbackOnMissing = yes;
            return this;
        }

        /** Delete the fallback's copy once it is safely on the primary. Default true. */
        public Builder deleteFallbackCopies(boolean yes) {
            this.deleteFallbackCopies = yes;
            return this;
        }

        /** Reconcile in the background at this interval ({@code null}: only when asked). */
        public Builder reconcileEvery(Duration interval) {
            this.reconcileInterval = interval;
            return this;
        }

        public FailoverDriver build() {
            return new FailoverDriver(this);
        }
    }

    // ---- state --------------------------------------------------------------------------------

    /** Journaled changes the primary has not received yet. */
    public int pending() {
        return journal.size();
    }

    /** The primary's circuit breaker state. */
    public CircuitBreaker.State primaryState() {
        return primaryBreaker.state();
    }

    /** The journal file, or {@code null} when the journal is kept on a disk. */
    public Path journalFile() {
        return journal instanceof FileJournal f ? f.file() : null;
    }

    /** Where the journal lives, for diagnostics. */
    public String journalLocation() {
        return journal.describe();
    }

    @Override
    public String disk() {
        return disk;
    }

    @Override
    public String driverName() {
        return "failover";
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    /** The lowest of the primary's and the fallbacks': any of them may serve every call. */
    @Override
    public int asyncConcurrency() {
        int min = primary.asyncConcurrency();
        for (StorageDriver f : fallbacks) {
            min = Math.min(min, f.asyncConcurrency());
        }
        return min;
    }

    // ---- calls through breakers -----------------------------------------------------------------

    private <T> T onPrimary(Operation op, String key, Supplier<T> call) {
        return through(primaryBreaker, primary, op, key, call);
    }

    private <T> T through(CircuitBreaker breaker, StorageDriver member, Operation op, String key, Supplier<T> call) {
        if (!breaker.allow()) {
            throw new StorageUnavailableException(member.disk(), op, key, "circuit open after repeated failures of disk '"
                    + member.disk() + "'; next probe in " + breaker.millisUntilProbe() + " ms", null);
        }
        try {
            T result = call.get();
            breaker.onSuccess();
            return result;
        } catch (StorageUnavailableException e) {
            breaker.onFailure();
            throw e;
        } catch (RuntimeException e) {
            breaker.onSuccess();
            throw e;
        }
    }

    /** Runs a call, naming this disk (and the member, in the reason) in its failures. */
    private <T> T as(Supplier<T> body) {
        try {
            return body.get();
        } catch (StorageException e) {
            throw Failures.relabel(e, disk, e.key());
        }
    }

    private ReentrantLock lockOf(String key) {
        return keyLocks[Math.floorMod(key.hashCode(), STRIPES)];
    }

    private ObjectInfo mine(ObjectInfo info) {
        return info.withDisk(disk);
    }

    // ---- writes -------------------------------------------------------------------------------

    @Override
    public ObjectInfo write(String key, Content content, WriteOptions options) {
        return as(() -> writeNow(key, content, options));
    }

    private ObjectInfo writeNow(String key, Content content, WriteOptions options) {
        ReentrantLock lock = lockOf(key);
        lock.lock();
        try {
            Untouched guard = content.replayable() ? null : new Untouched(content);
            Content first = guard == null ? content : guard.content();
            try {
                ObjectInfo info = onPrimary(Operation.WRITE, key, () -> primary.write(key, first, options));
                settleAfterPrimaryChange(key);
                return mine(info);
            } catch (StorageUnavailableException e) {
                if (options.conditional()) {
                    e.addSuppressed(new StorageException.RetryNote("not failed over: a conditional write can only be "
                            + "checked against the primary"));
                    throw e;
                }
                if (guard != null && guard.touched()) {
                    e.addSuppressed(new StorageException.RetryNote("not failed over: the primary consumed part of a "
                            + "single-use stream; write bytes or a file to make the write fail over"));
                    throw e;
                }
                Content again = guard == null ? content : guard.content();
                return mine(writeToFallback(key, again, options, e));
            } finally {
                if (guard != null) {
                    guard.closeUnderlying();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private ObjectInfo writeToFallback(String key, Content content, WriteOptions options, StorageUnavailableException cause) {
        for (int i = 0; i < fallbacks.size(); i++) {
            StorageDriver fb = fallbacks.get(i);
            try {
                ObjectInfo info = through(fallbackBreakers.get(i), fb, Operation.WRITE, key,
                        () -> fb.write(key, content, options));
                Optional<FailoverJournal.Entry> previous = journal.pending(key);
                journal.recordPut(key, i, info.size(), info.checksums().get(ChecksumAlgorithm.CRC32C));
                previous.filter(p -> p.kind() == FailoverJournal.Kind.PUT && p.member() != fallbacksIndex(fb))
                        .ifPresent(p -> deleteQuietly(fallbacks.get(p.member()), key));
                LOG.log(Level.DEBUG, "failover disk ''{0}'': wrote ''{1}'' to fallback ''{2}'' (primary: {3})", disk,
                        key, fb.disk(), cause.reason());
                return info;
            } catch (StorageUnavailableException e) {
                cause.addSuppressed(e);
                if (!content.replayable()) {
                    break;
                }
            }
        }
        throw cause;
    }

    private int fallbacksIndex(StorageDriver fb) {
        return fallbacks.indexOf(fb);
    }

    /** After the primary took a write or delete of {@code key}: any journaled change of it is superseded. */
    private void settleAfterPrimaryChange(String key) {
        journal.pending(key).ifPresent(p -> {
            if (p.kind() == FailoverJournal.Kind.PUT && deleteFallbackCopies) {
                deleteQuietly(fallbacks.get(p.member()), key);
            }
            journal.complete(p);
        });
    }

    private static void deleteQuietly(StorageDriver member, String key) {
        try {
            member.delete(key);
        } catch (StorageException e) {
            LOG.log(Level.DEBUG, "could not delete the stale copy of ''{0}'' on ''{1}'': {2}", key, member.disk(),
                    e.getMessage());
        }
    }

    @Override
    public boolean delete(String key) {
        return as(() -> deleteNow(key));
    }

    private boolean deleteNow(String key) {
        ReentrantLock lock = lockOf(key);
        lock.lock();
        try {
            Optional<FailoverJournal.Entry> pending = journal.pending(key);
            try {
                boolean existed = onPrimary(Operation.DELETE, key, () -> primary.delete(key));
                boolean pendingPut = pending.filter(p -> p.kind() == FailoverJournal.Kind.PUT).isPresent();
                if (pendingPut) {
                    deleteQuietly(fallbacks.get(pending.get().member()), key);
                }
                pending.ifPresent(journal::complete);
                return existed || pendingPut;
            } catch (StorageUnavailableException e) {
                if (pending.isPresent() && pending.get().kind() == FailoverJournal.Kind.PUT) {
                    StorageDriver holder = fallbacks.get(pending.get().member());
                    through(fallbackBreakers.get(pending.get().member()), holder, Operation.DELETE, key,
                            () -> holder.delete(key));
                } else if (pending.isPresent()) {
                    return false; // already journaled as deleted
                }
                journal.recordDelete(key);
                // the primary may hold the object and cannot be asked: report it as existing
                return true;
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void deleteMany(List<String> keys) {
        for (String k : keys) {
            delete(k);
        }
    }

    @Override
    public ObjectInfo copy(String sourceKey, String targetKey) {
        return as(() -> copyNow(sourceKey, targetKey));
    }

    private ObjectInfo copyNow(String sourceKey, String targetKey) {
        if (journal.pending(sourceKey).isEmpty() && journal.pending(targetKey).isEmpty()) {
            ReentrantLock lock = lockOf(targetKey);
            lock.lock();
            try {
                if (journal.pending(targetKey).isEmpty() && journal.pending(sourceKey).isEmpty()) {
                    return mine(onPrimary(Operation.COPY, sourceKey, () -> primary.copy(sourceKey, targetKey)));
                }
            } catch (StorageUnavailableException e) {
                // fall through to a streamed copy through the failover paths
            } finally {
                lock.unlock();
            }
        }
        ObjectInfo source = stat(sourceKey);
        WriteOptions options = new WriteOptions(source.contentType(), source.contentDisposition(), source.cacheControl(),
                source.metadata(), capabilities.supports(Capability.TAGS) ? source.tags() : Map.of(), false, null);
        try (InputStream in = read(sourceKey, ByteRange.ALL)) {
            return write(targetKey, Content.of(in, source.size()), options);
        } catch (IOException e) {
            throw new StorageException(disk, Operation.COPY, sourceKey, "closing the source failed: " + e.getMessage(), e);
        }
    }

    @Override
    public ObjectInfo move(String sourceKey, String targetKey) {
        ObjectInfo info = copy(sourceKey, targetKey);
        delete(sourceKey);
        return info;
    }

    // ---- reads --------------------------------------------------------------------------------

    private <T> T readLike(Operation op, String key, Function<StorageDriver, T> call) {
        Optional<FailoverJournal.Entry> pending = journal.pending(key);
        if (pending.isPresent()) {
            FailoverJournal.Entry p = pending.get();
            if (p.kind() == FailoverJournal.Kind.DELETE) {
                throw new ObjectNotFoundException(disk, op, key, "object not found (deleted while the primary was away)",
                        null);
            }
            StorageDriver holder = fallbacks.get(p.member());
            return through(fallbackBreakers.get(p.member()), holder, op, key, () -> call.apply(holder));
        }
        try {
            return onPrimary(op, key, () -> call.apply(primary));
        } catch (StorageUnavailableException e) {
            return fromFallbacks(op, key, call, e);
        } catch (ObjectNotFoundException e) {
            if (!readFallbackOnMissing) {
                throw e;
            }
            return fromFallbacks(op, key, call, e);
        }
    }

    private <T> T fromFallbacks(Operation op, String key, Function<StorageDriver, T> call, StorageException cause) {
        for (int i = 0; i < fallbacks.size(); i++) {
            StorageDriver fb = fallbacks.get(i);
            try {
                return through(fallbackBreakers.get(i), fb, op, key, () -> call.apply(fb));
            } catch (ObjectNotFoundException | StorageUnavailableException e) {
                cause.addSuppressed(e);
            }
        }
        throw cause;
    }

    @Override
    public InputStream read(String key, ByteRange range) {
        return as(() -> readNow(key, range));
    }

    private InputStream readNow(String key, ByteRange range) {
        return readLike(Operation.READ, key, d -> d.read(key, range));
    }

    @Override
    public ObjectInfo stat(String key) {
        return as(() -> statNow(key));
    }

    private ObjectInfo statNow(String key) {
        return mine(readLike(Operation.STAT, key, d -> d.stat(key)));
    }

    @Override
    public Map<String, String> tags(String key) {
        return as(() -> tagsNow(key));
    }

    private Map<String, String> tagsNow(String key) {
        return readLike(Operation.TAGS, key, d -> d.tags(key));
    }

    @Override
    public Page list(ListQuery query) {
        return as(() -> listNow(query));
    }

    private Page listNow(ListQuery query) {
        return overlay(query, baseList(query));
    }

    /**
     * Applies journaled changes to a page: keys written to a fallback appear (with the fallback's
     * info), keys deleted during the outage disappear; the page stays in key order, at most
     * {@code limit} entries, with a cursor every member honours.
     */
    private Page overlay(ListQuery query, Page base) {
        List<FailoverJournal.Entry> changes = journal.pendingEntries().stream()
                .filter(e -> e.key().startsWith(query.prefix()) && query.isAfterCursor(e.key())).toList();
        if (changes.isEmpty()) {
            return base;
        }
        String bound = base.nextCursor();
        java.util.Set<String> changed = new java.util.HashSet<>();
        changes.forEach(e -> changed.add(e.key()));
        java.util.TreeMap<String, ObjectInfo> entries = new java.util.TreeMap<>(dev.stowage.spi.KeyOrder.COMPARATOR);
        base.objects().stream().filter(o -> !changed.contains(o.key())).forEach(o -> entries.put(o.key(), o));
        base.prefixes().forEach(p -> entries.put(p, null));
        for (FailoverJournal.Entry e : changes) {
            if (e.kind() != FailoverJournal.Kind.PUT
                    || (bound != null && dev.stowage.spi.KeyOrder.compare(e.key(), bound) > 0)) {
                continue;
            }
            int d = query.delimiter() == null ? -1 : e.key().indexOf(query.delimiter(), query.prefix().length());
            if (d >= 0) {
                entries.put(e.key().substring(0, d + 1), null);
            } else {
                try {
                    StorageDriver holder = fallbacks.get(e.member());
                    entries.put(e.key(), mine(holder.stat(e.key())));
                } catch (ObjectNotFoundException gone) {
                    // replaced meanwhile; the next listing shows the current state
                }
            }
        }
        List<ObjectInfo> objects = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String last = null;
        for (Map.Entry<String, ObjectInfo> en : entries.entrySet()) {
            if (objects.size() + prefixes.size() == query.limit()) {
                return new Page(objects, prefixes, last);
            }
            if (en.getValue() == null) {
                prefixes.add(en.getKey());
            } else {
                objects.add(en.getValue());
            }
            last = en.getKey();
        }
        return new Page(objects, prefixes, bound);
    }

    private Page baseList(ListQuery query) {
        try {
            return relabel(onPrimary(Operation.LIST, query.prefix(), () -> primary.list(query)));
        } catch (StorageUnavailableException e) {
            for (int i = 0; i < fallbacks.size(); i++) {
                StorageDriver fb = fallbacks.get(i);
                try {
                    return relabel(through(fallbackBreakers.get(i), fb, Operation.LIST, query.prefix(),
                            () -> fb.list(query)));
                } catch (StorageUnavailableException e2) {
                    e.addSuppressed(e2);
                }
            }
            throw e;
        }
    }

    private Page relabel(Page page) {
        return new Page(page.objects().stream().map(this::mine).toList(), page.prefixes(), page.nextCursor());
    }

    @Override
    public URI signedUrl(String key, SignedUrlOptions options) {
        return urlOwner(key).signedUrl(key, options);
    }

    @Override
    public URI publicUrl(String key) {
        return urlOwner(key).publicUrl(key);
    }

    private StorageDriver urlOwner(String key) {
        return journal.pending(key).filter(p -> p.kind() == FailoverJournal.Kind.PUT)
                .map(p -> fallbacks.get(p.member())).orElse(primary);
    }

    @Override
    public List<ObjectInfo> findByTags(String query) {
        return onPrimary(Operation.LIST, null, () -> primary.findByTags(query)).stream().map(this::mine).toList();
    }

    // ---- reconcile ----------------------------------------------------------------------------

    /**
     * Replays the journal onto the primary: copies back every write that landed on a fallback
     * (verifying size and CRC32C), replays deletes, and compacts the journal. Stops early, leaving
     * the rest pending, if the primary becomes unavailable. One run at a time; safe to call while
     * the disk is in use, and safe to repeat after a crash.
     */
    public ReconcileReport reconcile() {
        reconcileLock.lock();
        try {
            int copied = 0;
            int deleted = 0;
            List<String> problems = new ArrayList<>();
            for (FailoverJournal.Entry e : journal.pendingEntries()) {
                ReentrantLock lock = lockOf(e.key());
                lock.lock();
                try {
                    Optional<FailoverJournal.Entry> current = journal.pending(e.key());
                    if (current.isEmpty() || current.get().seq() != e.seq()) {
                        continue; // superseded meanwhile
                    }
                    if (e.kind() == FailoverJournal.Kind.PUT) {
                        replayPut(e);
                        copied++;
                    } else {
                        onPrimary(Operation.DELETE, e.key(), () -> primary.delete(e.key()));
                        deleted++;
                    }
                    journal.complete(e);
                } catch (StorageUnavailableException ex) {
                    LOG.log(Level.DEBUG, "reconcile of ''{0}'' paused: primary unavailable ({1})", disk, ex.reason());
                    break;
                } catch (StorageException | UncheckedIOException ex) {
                    problems.add("'" + e.key() + "': " + ex.getMessage());
                } finally {
                    lock.unlock();
                }
            }
            journal.compact();
            ReconcileReport report = new ReconcileReport(copied, deleted, problems.size(), journal.size(), problems);
            if (copied + deleted + problems.size() > 0) {
                LOG.log(Level.INFO, "failover disk ''{0}'' reconciled: {1} copied back, {2} deletes replayed, {3} "
                        + "failed, {4} pending", disk, copied, deleted, problems.size(), report.remaining());
            }
            return report;
        } finally {
            reconcileLock.unlock();
        }
    }

    private void replayPut(FailoverJournal.Entry e) {
        StorageDriver fb = fallbacks.get(e.member());
        String key = e.key();
        ObjectInfo source;
        try {
            source = fb.stat(key);
        } catch (ObjectNotFoundException missing) {
            // a previous run copied it and removed the fallback copy, then stopped before marking it done
            ObjectInfo onPrimary = onPrimary(Operation.STAT, key, () -> primary.stat(key));
            String crc = e.crc32c() == null ? null : primaryChecksum(key, onPrimary);
            if (onPrimary.size() == e.size() && (e.crc32c() == null || e.crc32c().equals(crc))) {
                return;
            }
            throw new StorageException(disk, Operation.WRITE, key, "the fallback copy on '" + fb.disk()
                    + "' is gone and the primary's object does not match the journal (size " + onPrimary.size()
                    + " vs " + e.size() + ")", missing);
        }
        WriteOptions options = new WriteOptions(source.contentType(), source.contentDisposition(),
                source.cacheControl(), source.metadata(),
                primary.capabilities().supports(Capability.TAGS) ? source.tags() : Map.of(), false, null);
        Checksums.Crc32cInputStream in = new Checksums.Crc32cInputStream(fb.read(key, ByteRange.ALL));
        ObjectInfo written;
        try (in) {
            written = onPrimary(Operation.WRITE, key, () -> primary.write(key, Content.of(in, source.size()), options));
        } catch (IOException ioe) {
            throw new UncheckedIOException(ioe);
        }
        String copiedCrc = in.checksum();
        if (in.count() != source.size() || (e.crc32c() != null && !e.crc32c().equals(copiedCrc))) {
            throw new StorageException(disk, Operation.WRITE, key, "the fallback copy does not match the journal (size "
                    + in.count() + " vs " + e.size() + ", crc32c " + copiedCrc + " vs " + e.crc32c() + ")", null);
        }
        if (written.size() != in.count() || !copiedCrc.equals(primaryChecksum(key, written))) {
            throw new StorageException(disk, Operation.WRITE, key, "verification failed: the primary's copy differs "
                    + "from the fallback's", null);
        }
        if (deleteFallbackCopies) {
            through(fallbackBreakers.get(e.member()), fb, Operation.DELETE, key, () -> fb.delete(key));
        }
    }

    /** The primary's CRC32C of the object: as stored, or computed by reading it. */
    private String primaryChecksum(String key, ObjectInfo info) {
        String stored = info.checksums().get(ChecksumAlgorithm.CRC32C);
        if (stored != null) {
            return stored;
        }
        try (Checksums.Crc32cInputStream in = new Checksums.Crc32cInputStream(
                onPrimary(Operation.READ, key, () -> primary.read(key, ByteRange.ALL)))) {
            in.transferTo(OutputStreamNull.INSTANCE);
            return in.checksum();
        } catch (IOException ioe) {
            throw new StorageUnavailableException(disk, Operation.READ, key, "reading back for verification failed: "
                    + ioe.getMessage(), ioe);
        }
    }

    private static final class OutputStreamNull extends java.io.OutputStream {
        static final OutputStreamNull INSTANCE = new OutputStreamNull();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }

    private void backgroundReconcile() {
        if (journal.size() == 0) {
            return;
        }
        try {
            reconcile();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "background reconcile of failover disk ''" + disk + "'' failed", e);
        }
    }

    /** Stops the background reconciler and closes the journal; members stay open (they are not ours). */
    @Override
    public void close() {
        if (reconciler != null) {
            reconciler.shutdownNow();
        }
        reconcileLock.lock();
        try {
            journal.close();
        } finally {
            reconcileLock.unlock();
        }
    }

    @Override
    public String toString() {
        return "FailoverDriver[" + disk + ": primary " + primary.disk() + ", fallbacks "
                + fallbacks.stream().map(StorageDriver::disk).toList() + ", pending " + journal.size() + "]";
    }

    /** Lets a single-use content be handed to a fallback if the primary failed before reading any of it. */
    private static final class Untouched {
        private final Content original;
        private InputStream stream;
        private Tracking tracking;

        Untouched(Content original) {
            this.original = original;
        }

        Content content() {
            try {
                if (stream == null) {
                    stream = original.openStream();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            tracking = new Tracking(stream);
            return Content.of(tracking, original.length());
        }

        boolean touched() {
            return tracking != null && tracking.read;
        }

        void closeUnderlying() {
            if (stream != null) {
                try {
                    stream.close();
                } catch (IOException ignored) {
                    // the write's outcome is decided; closing the caller's stream is best effort
                }
            }
        }
    }

    private static final class Tracking extends FilterInputStream {
        boolean read;

        Tracking(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            read = true;
            return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            read = true;
            return super.read(b, off, len);
        }

        @Override
        public long skip(long n) throws IOException {
            read = true;
            return super.skip(n);
        }

        @Override
        public void close() {
            // the underlying stream stays open for a fallback; closed once the write is decided
        }
    }
}
