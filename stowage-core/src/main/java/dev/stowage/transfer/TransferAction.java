package dev.stowage.transfer;

/**
 * What happened (or, in a dry run, would happen) to one object.
 *
 * @param kind the action
 * @param key the key relative to the transfer's prefixes
 * @param bytes the object's size
 * @param detail why (e.g. "missing on target", "size differs"), or the failure reason
 */
public record TransferAction(Kind kind, String key, long bytes, String detail) {

    /** The kinds of action. */
    public enum Kind {
        COPIED, SKIPPED, DELETED_FROM_TARGET, DELETED_FROM_SOURCE, FAILED,
        /** {@code check}: the object is missing on the target. */
        MISSING,
        /** {@code check}: the objects differ. */
        DIFFERENT,
        /** {@code check}: the object is only on the target. */
        EXTRA,
        /** A dry run would copy it. */
        WOULD_COPY,
        /** A dry run would delete it. */
        WOULD_DELETE
    }
}
