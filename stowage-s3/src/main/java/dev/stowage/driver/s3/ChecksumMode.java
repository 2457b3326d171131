package dev.stowage.driver.s3;

import dev.stowage.StorageConfigurationException;
import java.util.Locale;

/** What integrity checksum the driver sends with every write (setting {@code checksum}). */
enum ChecksumMode {
    /** CRC32C of the body in {@code x-amz-checksum-crc32c}, computed once by Stowage (default). */
    CRC32C,
    /** SHA-256 of the body in {@code x-amz-checksum-sha256}. */
    SHA256,
    /**
     * No flexible checksum: only what an operation requires (e.g. batch delete). For services that
     * reject the {@code x-amz-checksum-*} headers or aws-chunked trailers (Ceph RGW 16, B2, Spaces).
     */
    WHEN_REQUIRED;

    static ChecksumMode parse(String disk, String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "crc32c" -> CRC32C;
            case "sha256", "sha-256" -> SHA256;
            case "when-required", "when_required", "none", "off" -> WHEN_REQUIRED;
            default -> throw new StorageConfigurationException(disk,
                    "setting 'checksum' must be crc32c, sha256 or when-required, got '" + value + "'");
        };
    }
}
