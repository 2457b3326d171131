package dev.stowage.bench.harness;

import java.io.InputStream;

/**
 * {@code length} bytes of a repeating pseudo-random pattern, generated as read: large uploads
 * without holding the object in memory or reading a file.
 */
public final class DataStream extends InputStream {
    private static final byte[] PATTERN = pattern();
    private final long length;
    private long position;

    public DataStream(long length) {
        this.length = length;
    }

    private static byte[] pattern() {
        byte[] p = new byte[1 << 16];
        new java.util.Random(7).nextBytes(p);
        return p;
    }

    @Override
    public int read() {
        if (position >= length) {
            return -1;
        }
        return PATTERN[(int) (position++ & (PATTERN.length - 1))] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (position >= length) {
            return -1;
        }
        int n = (int) Math.min(len, length - position);
        int done = 0;
        while (done < n) {
            int at = (int) ((position + done) & (PATTERN.length - 1));
            int chunk = Math.min(n - done, PATTERN.length - at);
            System.arraycopy(PATTERN, at, b, off + done, chunk);
            done += chunk;
        }
        position += n;
        return n;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, length - position);
    }
}
