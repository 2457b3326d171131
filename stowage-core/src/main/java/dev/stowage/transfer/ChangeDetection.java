package dev.stowage.transfer;

/** How a transfer decides that a target object already matches its source. */
public enum ChangeDetection {
    /**
     * Size, plus a checksum when both sides have one of the same kind; otherwise size plus
     * last-modified (the target is current when it is not older than the source, to the second:
     * many providers keep dates to the second). The default.
     */
    SIZE_AND_CHECKSUM,
    /** Size plus last-modified only. */
    SIZE_AND_MODIFIED,
    /** Size only: fastest, for immutable data. */
    SIZE_ONLY,
    /** Content hash always: read both sides to compute CRC32C when no stored checksum compares. */
    CHECKSUM
}
