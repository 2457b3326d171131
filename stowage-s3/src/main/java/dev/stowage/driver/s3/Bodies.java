package dev.stowage.driver.s3;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.zip.CRC32C;
import software.amazon.awssdk.core.sync.RequestBody;

/** Request bodies over byte arrays without copying them, and the checksums sent with them. */
final class Bodies {
    private static final String OCTET_STREAM = "application/octet-stream";

    private Bodies() {
    }

    /** A replayable body over {@code buf[off, off+len)}; the array must not change until the call returns. */
    static RequestBody of(byte[] buf, int off, int len) {
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buf, off, len), len, OCTET_STREAM);
    }

    /** The Base64 checksum of {@code buf[off, off+len)} for the mode, or {@code null} for none. */
    static String checksum(ChecksumMode mode, byte[] buf, int off, int len) {
        return switch (mode) {
            case CRC32C -> {
                CRC32C crc = new CRC32C();
                crc.update(buf, off, len);
                yield dev.stowage.spi.Checksums.encode(crc.getValue());
            }
            case SHA256 -> {
                MessageDigest d = sha256();
                d.update(buf, off, len);
                yield Base64.getEncoder().encodeToString(d.digest());
            }
            case WHEN_REQUIRED -> null;
        };
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
