package dev.stowage.transfer;

import dev.stowage.ChecksumAlgorithm;
import dev.stowage.StorageReader;
import dev.stowage.StorageWriter;
import dev.stowage.Storage;
import dev.stowage.StorageKey;
import dev.stowage.Operation;
import java.util.Objects;

/**
 * Copies, syncs, migrates and checks objects between any two disks, whatever their providers:
 * streaming (constant memory), in parallel, skipping what is already current, verifying each copy.
 * Modelled on rclone's {@code copy}, {@code sync}, {@code move} and {@code check}.
 *
 * <p>Re-running an interrupted transfer finishes it: writes are atomic, so every object on the
 * target is whole, and change detection skips those already copied.
 *
 * <pre>{@code
 * TransferReport r = Transfer.sync(local, "photos/", s3, "backup/photos/",
 *         TransferOptions.builder().deleteExtraneous(true).build());
 * }</pre>
 */
public final class Transfer {

    /** What a transfer does. */
    public enum Mode {
        /** Copy new and changed objects; never delete. */
        COPY,
        /** Copy, then optionally delete target objects absent from the source. */
        SYNC,
        /** Copy, deleting each source object once its copy is verified. */
        MIGRATE,
        /** Change nothing; report missing, different and extra objects. */
        CHECK
    }

    /** Metadata name under which a CRC32C is kept on targets that store no checksum themselves. */
    public static final String CHECKSUM_METADATA = "stowage_crc32c";

    static final ChecksumAlgorithm[] COMPARABLE = {ChecksumAlgorithm.CRC32C, ChecksumAlgorithm.SHA256,
        ChecksumAlgorithm.MD5, ChecksumAlgorithm.CRC64};

    private Transfer() {
    }

    /** Copies new and changed objects under {@code sourcePrefix} to {@code targetPrefix}. */
    public static TransferReport copy(StorageReader source, String sourcePrefix, Storage target, String targetPrefix,
            TransferOptions options) {
        return run(Mode.COPY, source, sourcePrefix, target, targetPrefix, options);
    }

    /** Makes the target match the source (deleting extras only with {@code deleteExtraneous}). */
    public static TransferReport sync(StorageReader source, String sourcePrefix, Storage target, String targetPrefix,
            TransferOptions options) {
        return run(Mode.SYNC, source, sourcePrefix, target, targetPrefix, options);
    }

    /** Moves objects: each source object is deleted only after its copy is verified. */
    public static TransferReport migrate(Storage source, String sourcePrefix, Storage target, String targetPrefix,
            TransferOptions options) {
        return run(Mode.MIGRATE, source, sourcePrefix, target, targetPrefix, options);
    }

    /** Compares without changing anything. */
    public static TransferReport check(StorageReader source, String sourcePrefix, StorageReader target,
            String targetPrefix, TransferOptions options) {
        return run(Mode.CHECK, source, sourcePrefix, target, targetPrefix, options);
    }

    /** Runs a transfer of the given mode. */
    public static TransferReport run(Mode mode, StorageReader source, String sourcePrefix, StorageReader target,
            String targetPrefix, TransferOptions options) {
        Objects.requireNonNull(mode, "mode");
        StorageKey.requirePrefix(source.name(), Operation.LIST, sourcePrefix);
        StorageKey.requirePrefix(target.name(), Operation.LIST, targetPrefix);
        if (mode != Mode.CHECK && !(target instanceof StorageWriter)) {
            throw new IllegalArgumentException(mode + " needs a writable target");
        }
        if (mode == Mode.MIGRATE && !(source instanceof StorageWriter)) {
            throw new IllegalArgumentException("migrate needs a writable source");
        }
        if (source.name().equals(target.name()) && overlaps(sourcePrefix, targetPrefix) && source == target) {
            throw new IllegalArgumentException("source and target prefixes overlap on disk '" + source.name() + "'");
        }
        return new TransferRun(mode, source, sourcePrefix, target, targetPrefix, options).execute();
    }

    private static boolean overlaps(String a, String b) {
        return a.startsWith(b) || b.startsWith(a);
    }
}
