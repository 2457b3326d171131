package dev.stowage.transfer;

import dev.stowage.Capability;
import dev.stowage.ChecksumAlgorithm;
import dev.stowage.Content;
import dev.stowage.ObjectInfo;
import dev.stowage.ObjectNotFoundException;
import dev.stowage.PutOptions;
import dev.stowage.StorageException;
import dev.stowage.StorageReader;
import dev.stowage.StorageWriter;
import dev.stowage.spi.Checksums;
import dev.stowage.spi.KeyOrder;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * One execution of a {@link Transfer}: a merge-join of the two sorted listings (both disks list in
 * UTF-8 key order, so memory stays constant), with copies running on virtual threads at most
 * {@code parallelism} at a time.
 */
final class TransferRun {
    private final Transfer.Mode mode;
    private final StorageReader source;
    private final String sourcePrefix;
    private final StorageReader target;
    private final String targetPrefix;
    private final TransferOptions options;
    private final long startNanos = System.nanoTime();

    private final AtomicLong considered = new AtomicLong();
    private final AtomicLong bytesConsidered = new AtomicLong();
    private final AtomicLong copied = new AtomicLong();
    private final AtomicLong bytesCopied = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong deleted = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong bytesToCopy = new AtomicLong();
    private final AtomicLong bytesStreamed = new AtomicLong();
    private final AtomicLong bytesReported = new AtomicLong();
    private final List<TransferFailure> failures = Collections.synchronizedList(new ArrayList<>());
    private final List<TransferAction> differences = Collections.synchronizedList(new ArrayList<>());
    private final List<String> notes = Collections.synchronizedList(new ArrayList<>());
    private final List<String> extras = new ArrayList<>();
    private volatile boolean listingDone;
    private boolean cancelled;

    TransferRun(Transfer.Mode mode, StorageReader source, String sourcePrefix, StorageReader target,
            String targetPrefix, TransferOptions options) {
        this.mode = mode;
        this.source = source;
        this.sourcePrefix = sourcePrefix;
        this.target = target;
        this.targetPrefix = targetPrefix;
        this.options = options;
    }

    TransferReport execute() {
        if (!target.capabilities().supports(Capability.TAGS) && source.capabilities().supports(Capability.TAGS)
                && mode != Transfer.Mode.CHECK) {
            notes.add("disk '" + target.name() + "' has no object tags: source tags are not kept");
        }
        Semaphore permits = new Semaphore(options.parallelism());
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
                Stream<ObjectInfo> sourceList = source.list(sourcePrefix);
                Stream<ObjectInfo> targetList = target.list(targetPrefix)) {
            Iterator<ObjectInfo> s = sourceList.iterator();
            Iterator<ObjectInfo> t = targetList.iterator();
            ObjectInfo sNext = s.hasNext() ? s.next() : null;
            ObjectInfo tNext = t.hasNext() ? t.next() : null;
            while (sNext != null || tNext != null) {
                if (options.cancelled().getAsBoolean() || Thread.currentThread().isInterrupted()) {
                    cancelled = true;
                    break;
                }
                String sRel = sNext == null ? null : relative(sNext.key(), sourcePrefix);
                String tRel = tNext == null ? null : relative(tNext.key(), targetPrefix);
                int order = sRel == null ? 1 : tRel == null ? -1 : KeyOrder.compare(sRel, tRel);
                if (order < 0) {
                    submit(workers, permits, sRel, sNext, null);
                    sNext = s.hasNext() ? s.next() : null;
                } else if (order > 0) {
                    extra(tRel, tNext);
                    tNext = t.hasNext() ? t.next() : null;
                } else {
                    submit(workers, permits, sRel, sNext, tNext);
                    sNext = s.hasNext() ? s.next() : null;
                    tNext = t.hasNext() ? t.next() : null;
                }
            }
            listingDone = true;
        } catch (StorageException e) {
            failures.add(new TransferFailure("", "listing failed: " + e.getMessage(), e));
        }
        deleteExtras();
        return new TransferReport(mode, options.dryRun(), considered.get(), bytesConsidered.get(), copied.get(),
                bytesCopied.get(), skipped.get(), deleted.get(), failures, sortedDifferences(), notes, cancelled,
                elapsed());
    }

    private List<TransferAction> sortedDifferences() {
        List<TransferAction> copy = new ArrayList<>(differences);
        copy.sort((a, b) -> KeyOrder.compare(a.key(), b.key()));
        return copy;
    }

    private static String relative(String key, String prefix) {
        return key.substring(prefix.length());
    }

    private void extra(String rel, ObjectInfo targetInfo) {
        if (mode == Transfer.Mode.CHECK) {
            considered.incrementAndGet();
            record(new TransferAction(TransferAction.Kind.EXTRA, rel, targetInfo.size(), "only on the target"));
        } else if (mode == Transfer.Mode.SYNC && options.deleteExtraneous()) {
            extras.add(rel);
        }
    }

    private void submit(ExecutorService workers, Semaphore permits, String rel, ObjectInfo s, ObjectInfo t) {
        considered.incrementAndGet();
        bytesConsidered.addAndGet(s.size());
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancelled = true;
            return;
        }
        workers.execute(() -> {
            try {
                handle(rel, s, t);
            } catch (RuntimeException e) {
                fail(rel, s.size(), e.getMessage(), e);
            } finally {
                permits.release();
                progress();
            }
        });
    }

    private void handle(String rel, ObjectInfo s, ObjectInfo t) {
        String why;
        if (t == null) {
            why = "missing on the target";
        } else {
            Comparison c = compare(rel, s, t);
            boolean weak = !c.byContent();
            if (c.same() && !(mode == Transfer.Mode.MIGRATE && weak)) {
                skipped.incrementAndGet();
                record(new TransferAction(TransferAction.Kind.SKIPPED, rel, s.size(), c.reason()));
                if (mode == Transfer.Mode.MIGRATE) {
                    deleteSource(rel, s.size());
                }
                return;
            }
            why = c.same() ? "re-copied to verify before deleting the source (" + c.reason() + ")" : c.reason();
        }
        if (mode == Transfer.Mode.CHECK) {
            record(new TransferAction(t == null ? TransferAction.Kind.MISSING : TransferAction.Kind.DIFFERENT, rel,
                    s.size(), why));
            return;
        }
        bytesToCopy.addAndGet(s.size());
        if (options.dryRun()) {
            copied.incrementAndGet();
            bytesCopied.addAndGet(s.size());
            record(new TransferAction(TransferAction.Kind.WOULD_COPY, rel, s.size(), why));
            if (mode == Transfer.Mode.MIGRATE) {
                record(new TransferAction(TransferAction.Kind.WOULD_DELETE, rel, s.size(), "source after copy"));
            }
            return;
        }
        String verifyFailure = copyOne(rel, s);
        if (verifyFailure != null) {
            fail(rel, s.size(), verifyFailure, null);
            return;
        }
        copied.incrementAndGet();
        bytesCopied.addAndGet(s.size());
        record(new TransferAction(TransferAction.Kind.COPIED, rel, s.size(), why));
        if (mode == Transfer.Mode.MIGRATE) {
            deleteSource(rel, s.size());
        }
    }

    private Comparison compare(String rel, ObjectInfo s, ObjectInfo t) {
        Comparison c = Comparison.fromInfo(s, t, options.changeDetection());
        boolean wantContent = options.changeDetection() == ChangeDetection.SIZE_AND_CHECKSUM
                || options.changeDetection() == ChangeDetection.CHECKSUM;
        if (c != null && (c.byContent() || !c.same() || !wantContent)) {
            return c;
        }
        // Listings rarely carry checksums: ask each side for its stored ones.
        ObjectInfo sFull = source.stat(sourcePrefix + rel);
        ObjectInfo tFull = target.stat(targetPrefix + rel);
        Comparison full = Comparison.fromInfo(sFull, tFull, options.changeDetection());
        if (full != null && (full.byContent() || !full.same())) {
            return full;
        }
        if (options.changeDetection() == ChangeDetection.CHECKSUM) {
            String sc = crc32cOf(source, sourcePrefix + rel);
            String tc = crc32cOf(target, targetPrefix + rel);
            return sc.equals(tc) ? new Comparison(true, true, "same CRC32C (computed)")
                    : Comparison.differ("content differs (CRC32C computed)");
        }
        return full != null ? full : Comparison.differ("cannot compare: no checksum and no dates");
    }

    private static String crc32cOf(StorageReader disk, String key) {
        try (Checksums.Crc32cInputStream in = new Checksums.Crc32cInputStream(disk.open(key))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return in.checksum();
        } catch (IOException e) {
            throw new StorageException(disk.name(), dev.stowage.Operation.READ, key,
                    "reading to compute a checksum failed: " + e.getMessage(), e);
        }
    }

    /** Copies one object; returns a verification failure, or {@code null} when verified. */
    private String copyOne(String rel, ObjectInfo listed) {
        String sKey = sourcePrefix + rel;
        String tKey = targetPrefix + rel;
        ObjectInfo s = source.stat(sKey);
        PutOptions.Builder put = PutOptions.builder().contentType(s.contentType())
                .contentDisposition(s.contentDisposition()).cacheControl(s.cacheControl());
        Map<String, String> metadata = new HashMap<>(s.metadata());
        boolean keepMetadata = target.capabilities().supports(Capability.METADATA);
        if (!keepMetadata && !metadata.isEmpty()) {
            notes.add("disk '" + target.name() + "' keeps no user metadata: dropped for '" + rel + "'");
        }
        String sourceCrc = Comparison.checksum(s, ChecksumAlgorithm.CRC32C);
        if (keepMetadata && !target.capabilities().supports(Capability.CHECKSUMS) && sourceCrc != null) {
            metadata.put(Transfer.CHECKSUM_METADATA, sourceCrc);
        }
        if (keepMetadata) {
            put.metadata(metadata);
        }
        if (source.capabilities().supports(Capability.TAGS) && target.capabilities().supports(Capability.TAGS)) {
            Map<String, String> tags = s.tags();
            if (tags.isEmpty()) {
                try {
                    tags = source.tags(sKey);
                } catch (StorageException e) {
                    String note = "object tags could not be read on disk '" + source.name() + "', so none were "
                            + "copied: " + e.reason();
                    if (!notes.contains(note)) {
                        notes.add(note);
                    }
                    tags = Map.of();
                }
            }
            if (!tags.isEmpty()) {   // no tagging request at all for untagged objects (some S3s lack tagging)
                put.tags(tags);
            }
        }
        ObjectInfo written;
        String streamed;
        try (Checksums.Crc32cInputStream in = new Checksums.Crc32cInputStream(new Streamed(source.open(sKey)))) {
            written = ((StorageWriter) target).put(tKey, Content.of(in, s.size()), put.build());
            streamed = in.checksum();
        } catch (IOException e) {
            throw new StorageException(source.name(), dev.stowage.Operation.READ, sKey, e.getMessage(), e);
        }
        if (sourceCrc != null && !sourceCrc.equals(streamed)) {
            return "the source's bytes do not match its stored CRC32C (" + sourceCrc + " stored, " + streamed + " read)";
        }
        if (options.verification() == Verification.NONE) {
            return null;
        }
        if (written.size() != s.size()) {
            return "target reports " + written.size() + " bytes after copying " + s.size();
        }
        String targetCrc = written.checksum(ChecksumAlgorithm.CRC32C);
        if (targetCrc != null && !targetCrc.equals(streamed)) {
            return "target CRC32C " + targetCrc + " differs from the streamed " + streamed;
        }
        if (options.verification() == Verification.DOWNLOAD) {
            String readBack = crc32cOf(target, tKey);
            if (!readBack.equals(streamed)) {
                return "read-back CRC32C " + readBack + " differs from the streamed " + streamed;
            }
        }
        return null;
    }

    private void deleteSource(String rel, long size) {
        if (options.dryRun()) {
            record(new TransferAction(TransferAction.Kind.WOULD_DELETE, rel, size, "source after copy"));
            return;
        }
        ((StorageWriter) source).delete(sourcePrefix + rel);
        deleted.incrementAndGet();
        record(new TransferAction(TransferAction.Kind.DELETED_FROM_SOURCE, rel, size, "verified on the target"));
    }

    private void deleteExtras() {
        if (extras.isEmpty()) {
            return;
        }
        if (!failures.isEmpty() || cancelled) {
            notes.add(extras.size() + " extraneous target object(s) kept because not every copy succeeded");
            return;
        }
        if (options.dryRun()) {
            extras.forEach(rel -> record(new TransferAction(TransferAction.Kind.WOULD_DELETE, rel, 0,
                    "absent from the source")));
            deleted.addAndGet(extras.size());
            return;
        }
        List<String> keys = extras.stream().map(rel -> targetPrefix + rel).toList();
        try {
            ((StorageWriter) target).deleteAll(keys);
            deleted.addAndGet(keys.size());
            extras.forEach(rel -> record(new TransferAction(TransferAction.Kind.DELETED_FROM_TARGET, rel, 0,
                    "absent from the source")));
        } catch (StorageException e) {
            failures.add(new TransferFailure("", "deleting extraneous objects failed: " + e.getMessage(), e));
        }
    }

    private void fail(String rel, long size, String reason, Throwable cause) {
        if (cause instanceof ObjectNotFoundException && cause.getMessage() != null) {
            reason = "the object vanished during the transfer: " + reason;
        }
        failures.add(new TransferFailure(rel, reason, cause));
        record(new TransferAction(TransferAction.Kind.FAILED, rel, size, reason));
    }

    private void record(TransferAction action) {
        switch (action.kind()) {
            case MISSING, DIFFERENT, EXTRA -> differences.add(action);
            default -> { }
        }
        for (TransferListener l : options.listeners()) {
            l.onObject(action);
        }
    }

    private void progress() {
        report(done.incrementAndGet());
    }

    /** Tells the listeners; bytes done include those of objects still being copied. */
    private void report(long objectsDone) {
        if (options.listeners().isEmpty()) {
            return;
        }
        TransferProgress p = new TransferProgress(objectsDone, considered.get(), listingDone,
                Math.max(bytesCopied.get(), bytesStreamed.get()), bytesToCopy.get(), elapsed());
        for (TransferListener l : options.listeners()) {
            l.onProgress(p);
        }
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** Counts the bytes read from a source object, reporting progress every 4 MiB within large objects. */
    private final class Streamed extends java.io.FilterInputStream {
        private static final long EVERY = 4L << 20;

        Streamed(java.io.InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) {
            long total = bytesStreamed.addAndGet(n);
            long last = bytesReported.get();
            if (total - last >= EVERY && bytesReported.compareAndSet(last, total)) {
                report(done.get());
            }
        }
    }
}
