package dev.stowage;

/**
 * Checksum kinds found in {@link ObjectInfo#checksums()}. Values are the big-endian digest bytes
 * encoded in standard Base64, the encoding S3 and GCS use in their headers.
 */
public enum ChecksumAlgorithm {
    /** CRC-32C (Castagnoli), 4 bytes; the default Stowage computes while streaming. */
    CRC32C,
    /** CRC-64/NVME as S3 and Azure define it, 8 bytes. */
    CRC64,
    /** SHA-256, 32 bytes. */
    SHA256,
    /** MD5, 16 bytes; only as reported by providers. */
    MD5
}
