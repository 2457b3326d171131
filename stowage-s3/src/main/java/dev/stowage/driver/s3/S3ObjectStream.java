package dev.stowage.driver.s3;

import java.io.FilterInputStream;
import java.io.IOException;
import software.amazon.awssdk.core.ResponseInputStream;

/**
 * The body of a GET. Closing it before the end aborts the connection instead of draining the rest
 * of a possibly huge object; a checksum mismatch found by the SDK at the end surfaces as an
 * {@link IOException} (the SDK throws an unchecked exception from {@code read}).
 */
final class S3ObjectStream extends FilterInputStream {
    private final ResponseInputStream<?> response;
    private long remaining;
    private boolean ended;
    private boolean closed;

    /** @param length the body's length, or {@code -1} if unknown */
    S3ObjectStream(ResponseInputStream<?> response, long length) {
        super(response);
        this.response = response;
        this.remaining = length;
    }

    @Override
    public int read() throws IOException {
        try {
            int b = super.read();
            if (b < 0 || --remaining == 0) {
                ended = true;
            }
            return b;
        } catch (RuntimeException e) {
            throw new IOException("reading the object failed: " + e.getMessage(), e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            int n = super.read(b, off, len);
            if (n < 0 || (n > 0 && (remaining -= n) == 0)) {
                ended = true;
            }
            return n;
        } catch (RuntimeException e) {
            throw new IOException("reading the object failed: " + e.getMessage(), e);
        }
    }

    /**
     * The whole rest of the body into one array of the announced length (no growing copies), then
     * the end of the stream, where the SDK checks the checksum.
     */
    @Override
    public byte[] readAllBytes() throws IOException {
        if (remaining < 0 || remaining > Integer.MAX_VALUE - 8) {
            return super.readAllBytes();
        }
        byte[] all = new byte[(int) remaining];
        int n = 0;
        while (n < all.length) {
            int r = read(all, n, all.length - n);
            if (r < 0) {
                throw new IOException("the object ended after " + n + " of " + all.length + " bytes");
            }
            n += r;
        }
        if (read() >= 0) {
            throw new IOException("the object is longer than the " + all.length + " bytes announced");
        }
        return all;
    }

    @Override
    public long skip(long n) throws IOException {
        try {
            long skipped = super.skip(n);
            if (skipped > 0 && (remaining -= skipped) == 0) {
                ended = true;
            }
            return skipped;
        } catch (RuntimeException e) {
            throw new IOException("reading the object failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (!ended) {
            response.abort();
        }
        try {
            super.close();
        } catch (RuntimeException e) {
            throw new IOException("closing the object stream failed: " + e.getMessage(), e);
        }
    }
}
