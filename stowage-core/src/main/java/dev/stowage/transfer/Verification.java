package dev.stowage.transfer;

/** What is checked after each object is copied. */
public enum Verification {
    /** Nothing beyond the write succeeding. */
    NONE,
    /**
     * The size the target reports, and its checksum when it reports one of the kind computed
     * while streaming the source (CRC32C). The default.
     */
    SIZE_AND_CHECKSUM,
    /** Read the target back and compare size and CRC32C with what was streamed from the source. */
    DOWNLOAD
}
