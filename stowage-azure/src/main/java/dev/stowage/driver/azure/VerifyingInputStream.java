package dev.stowage.driver.azure;

import dev.stowage.spi.Checksums;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.zip.CRC32C;

/**
 * Passes a whole object's bytes through while computing a checksum, and fails the read that
 * reaches the end if it differs from the one stored with the object: corrupted bytes are never
 * delivered as a complete, successful read. Two kinds: the CRC32C the driver stored at upload
 * (cheap, preferred) or the blob's Content-MD5 (for blobs written by other tools).
 */
final class VerifyingInputStream extends FilterInputStream {
    private final CRC32C crc;
    private final MessageDigest md5;
    private final String expected;
    private final String what;
    private final String key;
    private boolean checked;

    private VerifyingInputStream(InputStream in, CRC32C crc, MessageDigest md5, String expected, String what,
            String key) {
        super(in);
        this.crc = crc;
        this.md5 = md5;
        this.expected = expected;
        this.what = what;
        this.key = key;
    }

    /** Checks the CRC32C (Base64 of 4 big-endian bytes) stored by the driver. */
    static InputStream crc32c(InputStream in, String expectedBase64, String key) {
        return new VerifyingInputStream(in, new CRC32C(), null, expectedBase64, "CRC32C", key);
    }

    /** Checks the blob's Content-MD5. */
    static InputStream md5(InputStream in, byte[] expected, String key) {
        return new VerifyingInputStream(in, null, AzureWriter.md5(), Base64.getEncoder().encodeToString(expected),
                "Content-MD5", key);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            update(new byte[] {(byte) b}, 0, 1);
        } else {
            check();
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
            update(buf, off, n);
        } else if (n < 0) {
            check();
        }
        return n;
    }

    private void update(byte[] buf, int off, int n) {
        if (crc != null) {
            crc.update(buf, off, n);
        } else {
            md5.update(buf, off, n);
        }
    }

    @Override
    public long skip(long n) throws IOException {
        if (n <= 0) {
            return 0;
        }
        byte[] scratch = new byte[(int) Math.min(8192, n)];
        long left = n;
        while (left > 0) {
            int r = read(scratch, 0, (int) Math.min(scratch.length, left));
            if (r < 0) {
                break;
            }
            left -= r;
        }
        return n - left;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void check() throws IOException {
        if (checked) {
            return;
        }
        checked = true;
        String actual = crc != null ? Checksums.encode(crc.getValue())
                : Base64.getEncoder().encodeToString(md5.digest());
        if (!actual.equals(expected)) {
            throw new IOException("the bytes of '" + key + "' do not match the " + what + " stored for them");
        }
    }

}
