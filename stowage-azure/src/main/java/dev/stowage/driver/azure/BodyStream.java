package dev.stowage.driver.azure;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** The body of one HTTP/1.1 response on a kept-alive connection: it ends where the message ends. */
abstract class BodyStream extends InputStream {
    final InputStream in;
    boolean done;

    BodyStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    /** How many bytes are left if known (for sizing buffers), else -1. */
    long knownLeft() {
        return -1;
    }

    /** A body of known length ({@code Content-Length}), or up to the end of the connection. */
    static final class Fixed extends BodyStream {
        private long left;

        Fixed(InputStream in, long length) {
            super(in);
            this.left = length;
            this.done = length == 0;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left == 0) {
                done = true;
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                if (left != Long.MAX_VALUE) {
                    throw new EOFException("the connection closed " + left + " bytes before the end of the body");
                }
                left = 0;
                done = true;
                return -1;
            }
            if (left != Long.MAX_VALUE) {
                left -= n;
            }
            if (left == 0) {
                done = true;
            }
            return n;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(left, in.available());
        }

        @Override
        long knownLeft() {
            return left == Long.MAX_VALUE ? -1 : left;
        }
    }

    /** A {@code Transfer-Encoding: chunked} body. */
    static final class Chunked extends BodyStream {
        private long chunkLeft;

        Chunked(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            if (chunkLeft == 0) {
                chunkLeft = nextChunkSize();
                if (chunkLeft == 0) {
                    skipTrailers();
                    done = true;
                    return -1;
                }
            }
            int n = in.read(b, off, (int) Math.min(len, chunkLeft));
            if (n < 0) {
                throw new EOFException("the connection closed inside a chunk");
            }
            chunkLeft -= n;
            if (chunkLeft == 0) {
                crlf();
            }
            return n;
        }

        private long nextChunkSize() throws IOException {
            String line = line();
            int semi = line.indexOf(';');
            String hex = (semi >= 0 ? line.substring(0, semi) : line).trim();
            try {
                return Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new IOException("bad chunk size '" + hex + "'");
            }
        }

        private void crlf() throws IOException {
            if (!line().isEmpty()) {
                throw new IOException("a chunk does not end with CRLF");
            }
        }

        private void skipTrailers() throws IOException {
            while (!line().isEmpty()) {
                // trailer fields are not used
            }
        }

        private String line() throws IOException {
            if (in instanceof SocketInput socket) {
                String line = socket.line();
                if (line == null) {
                    throw new EOFException("the connection closed inside the chunked framing");
                }
                return line;
            }
            StringBuilder s = new StringBuilder();
            int ch;
            while ((ch = in.read()) >= 0) {
                if (ch == '\n') {
                    int end = s.length() > 0 && s.charAt(s.length() - 1) == '\r' ? s.length() - 1 : s.length();
                    return s.substring(0, end);
                }
                s.append((char) ch);
                if (s.length() > 4096) {
                    throw new IOException("a chunk header longer than 4 KiB");
                }
            }
            throw new EOFException("the connection closed inside the chunked framing");
        }
    }
}
