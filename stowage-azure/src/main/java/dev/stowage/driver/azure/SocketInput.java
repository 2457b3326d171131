package dev.stowage.driver.azure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A connection's input with its own buffer: header lines are scanned in the buffer, bytes are
 * read without the per-call locking of {@link java.io.BufferedInputStream}, and large reads go
 * straight from the socket into the caller's array once the buffer is drained.
 */
final class SocketInput extends InputStream {
    private static final int MAX_LINE = 64 << 10;

    private final InputStream in;
    private final byte[] buf;
    private int pos;
    private int limit;

    SocketInput(InputStream in, int size) {
        this.in = in;
        this.buf = new byte[size];
    }

    private boolean fill() throws IOException {
        pos = 0;
        limit = 0;
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            return false;
        }
        limit = n;
        return true;
    }

    @Override
    public int read() throws IOException {
        if (pos == limit && !fill()) {
            return -1;
        }
        return buf[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (pos == limit) {
            if (len >= buf.length) {
                return in.read(b, off, len);
            }
            if (!fill()) {
                return -1;
            }
        }
        int n = Math.min(len, limit - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public int available() throws IOException {
        return limit - pos + (pos == limit ? in.available() : 0);
    }

    /** One line without its CRLF (ISO-8859-1), or null if the stream ends before any byte of it. */
    String line() throws IOException {
        StringBuilder spill = null;
        while (true) {
            if (pos == limit && !fill()) {
                if (spill == null) {
                    return null;
                }
                return spill.toString();
            }
            for (int i = pos; i < limit; i++) {
                if (buf[i] == '\n') {
                    int end = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
                    String part = new String(buf, pos, end - pos, StandardCharsets.ISO_8859_1);
                    pos = i + 1;
                    if (spill == null) {
                        return part;
                    }
                    spill.append(part);
                    int n = spill.length();
                    return n > 0 && spill.charAt(n - 1) == '\r' ? spill.substring(0, n - 1) : spill.toString();
                }
            }
            if (spill == null) {
                spill = new StringBuilder();
            }
            spill.append(new String(buf, pos, limit - pos, StandardCharsets.ISO_8859_1));
            pos = limit;
            if (spill.length() > MAX_LINE) {
                throw new IOException("a line longer than 64 KiB in the response framing");
            }
        }
    }
}
