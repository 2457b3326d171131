package dev.stowage.driver.azure;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Passes a whole object's bytes through while computing their MD5, and fails the read that reaches
 * the end if the digest differs from the Content-MD5 Azure stored: corrupted bytes are never
 * delivered as a complete, successful read.
 */
final class Md5CheckingInputStream extends FilterInputStream {
    private final MessageDigest md5 = AzureWriter.md5();
    private final byte[] expected;
    private final String key;
    private boolean checked;

    Md5CheckingInputStream(InputStream in, byte[] expected, String key) {
        super(in);
        this.expected = expected;
        this.key = key;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            md5.update((byte) b);
        } else {
            check();
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
            md5.update(buf, off, n);
        } else if (n < 0) {
            check();
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        return n <= 0 ? 0 : readAndDiscard(n);
    }

    private long readAndDiscard(long n) throws IOException {
        byte[] scratch = new byte[(int) Math.min(8192, Math.max(1, n))];
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
        if (!Arrays.equals(md5.digest(), expected)) {
            throw new IOException("the bytes of '" + key + "' do not match the Content-MD5 Azure stored for them");
        }
    }
}
