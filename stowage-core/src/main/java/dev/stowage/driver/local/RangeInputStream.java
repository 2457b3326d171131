package dev.stowage.driver.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * Reads at most {@code remaining} bytes of an open file channel from its current position, and
 * closes the channel when closed. {@link #readAllBytes()} allocates the exact size once, as
 * {@code Files.readAllBytes} does, instead of growing buffers.
 */
final class RangeInputStream extends InputStream {
    private final FileChannel channel;
    private long remaining;
    private boolean closed;

    RangeInputStream(FileChannel channel, long remaining) {
        this.channel = channel;
        this.remaining = remaining;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        if (len == 0) {
            return 0;
        }
        if (remaining <= 0) {
            return -1;
        }
        int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, remaining)));
        if (n < 0) {
            remaining = 0; // the file shrank under us: end here
            return -1;
        }
        remaining -= n;
        return n;
    }

    @Override
    public byte[] readAllBytes() throws IOException {
        ensureOpen();
        if (remaining > Integer.MAX_VALUE - 8) {
            return super.readAllBytes();
        }
        byte[] all = new byte[(int) Math.max(remaining, 0)];
        ByteBuffer buffer = ByteBuffer.wrap(all);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                break;
            }
        }
        remaining = 0;
        return buffer.position() == all.length ? all : Arrays.copyOf(all, buffer.position());
    }

    /** The rest of the file (whatever {@code remaining} says), sized by the file: one allocation, one read. */
    byte[] readAllBytesOfFile() throws IOException {
        ensureOpen();
        remaining = Math.min(remaining, Math.max(0, channel.size() - channel.position()));
        return readAllBytes();
    }

    @Override
    public long skip(long n) throws IOException {
        ensureOpen();
        if (n <= 0 || remaining <= 0) {
            return 0;
        }
        long skipped = Math.min(n, remaining);
        channel.position(channel.position() + skipped);
        remaining -= skipped;
        return skipped;
    }

    @Override
    public int available() throws IOException {
        ensureOpen();
        return (int) Math.min(Integer.MAX_VALUE, Math.max(remaining, 0));
    }

    @Override
    public long transferTo(OutputStream out) throws IOException {
        ensureOpen();
        if (remaining > 0 && remaining >= channel.size() - channel.position()) {
            // To the end of the file: the JDK's channel stream hands a file-backed target to
            // FileChannel.transferTo (copy_file_range on Linux), with no copy through this heap.
            long n = Channels.newInputStream(channel).transferTo(out);
            remaining = 0;
            return n;
        }
        byte[] buffer = new byte[(int) Math.min(64 * 1024, Math.max(remaining, 1))];
        long total = 0;
        int n;
        while ((n = read(buffer, 0, buffer.length)) > 0) {
            out.write(buffer, 0, n);
            total += n;
        }
        return total;
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            channel.close();
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
    }
}
