package dev.stowage.spi;

import dev.stowage.ChecksumAlgorithm;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.CRC32C;

/** CRC32C helpers for drivers: the checksum Stowage computes while streaming. */
public final class Checksums {
    private Checksums() {
    }

    /** The Base64 CRC32C of {@code bytes}. */
    public static String crc32c(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length);
        return encode(crc.getValue());
    }

    /** Base64 of the 4 big-endian bytes of a CRC32C value. */
    public static String encode(long crc32c) {
        byte[] b = ByteBuffer.allocate(4).putInt((int) crc32c).array();
        return Base64.getEncoder().encodeToString(b);
    }

    /** The algorithm this class computes. */
    public static ChecksumAlgorithm algorithm() {
        return ChecksumAlgorithm.CRC32C;
    }

    /** An input stream that computes the CRC32C and counts the bytes of everything read through it. */
    public static final class Crc32cInputStream extends FilterInputStream {
        private final CRC32C crc = new CRC32C();
        private long count;

        public Crc32cInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                crc.update(b);
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                crc.update(buf, off, n);
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            throw new IOException("skip is not supported while computing a checksum");
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        /** Base64 CRC32C of the bytes read so far. */
        public String checksum() {
            return encode(crc.getValue());
        }

        /** Bytes read so far. */
        public long count() {
            return count;
        }
    }
}
