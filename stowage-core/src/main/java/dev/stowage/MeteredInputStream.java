package dev.stowage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Wraps write content to report progress, enforce a size limit and check a declared length.
 * Remembers why it failed so the front end can report the right exception whatever the driver
 * made of the {@link IOException}.
 */
final class MeteredInputStream extends FilterInputStream {
    private final long declaredLength;
    private final long maxSize;
    private final ProgressListener progress;
    private long count;
    private boolean tooLarge;
    private String lengthMismatch;

    MeteredInputStream(InputStream in, long declaredLength, long maxSize, ProgressListener progress) {
        super(in);
        this.declaredLength = declaredLength;
        this.maxSize = maxSize;
        this.progress = progress;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            count += n;
            if (maxSize >= 0 && count > maxSize) {
                tooLarge = true;
                throw new IOException("content exceeds the maximum size of " + maxSize + " bytes");
            }
            if (declaredLength >= 0 && count > declaredLength) {
                lengthMismatch = "content is longer than its declared length of " + declaredLength + " bytes";
                throw new IOException(lengthMismatch);
            }
            if (progress != null) {
                progress.onProgress(count, declaredLength);
            }
        } else if (n < 0 && declaredLength >= 0 && count < declaredLength) {
            lengthMismatch = "content ended after " + count + " bytes, before its declared length of "
                    + declaredLength;
            throw new IOException(lengthMismatch);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buf = new byte[(int) Math.min(8192, Math.max(0, n))];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    boolean tooLarge() {
        return tooLarge;
    }

    String lengthMismatch() {
        return lengthMismatch;
    }

    long count() {
        return count;
    }
}
