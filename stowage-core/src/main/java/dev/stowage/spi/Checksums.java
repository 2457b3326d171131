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

    /** The reflected CRC32C (Castagnoli) polynomial. */
    private static final long CRC32C_POLY = 0x82F63B78L;

    /**
     * The CRC32C of the concatenation {@code A + B}, from {@code crcA} (of A), {@code crcB} (of B) and
     * B's length, without the bytes: what lets parts read in parallel be checked against one stored
     * CRC32C of the whole (zlib's {@code crc32_combine}, over GF(2), with the Castagnoli polynomial).
     * Costs O(log lengthB).
     */
    public static long combine(long crcA, long crcB, long lengthB) {
        if (lengthB <= 0) {
            return crcA;
        }
        long[] even = new long[32];
        long[] odd = new long[32];
        odd[0] = CRC32C_POLY; // the operator for one zero bit
        long row = 1;
        for (int n = 1; n < 32; n++) {
            odd[n] = row;
            row <<= 1;
        }
        square(even, odd); // two zero bits
        square(odd, even); // four zero bits
        long crc = crcA;
        long len = lengthB;
        do { // apply len zero bytes to crcA, one bit of len at a time
            square(even, odd);
            if ((len & 1) != 0) {
                crc = times(even, crc);
            }
            len >>>= 1;
            if (len == 0) {
                break;
            }
            square(odd, even);
            if ((len & 1) != 0) {
                crc = times(odd, crc);
            }
            len >>>= 1;
        } while (len != 0);
        return (crc ^ crcB) & 0xFFFFFFFFL;
    }

    private static long times(long[] matrix, long vector) {
        long sum = 0;
        for (int i = 0; vector != 0; i++, vector >>>= 1) {
            if ((vector & 1) != 0) {
                sum ^= matrix[i];
            }
        }
        return sum;
    }

    private static void square(long[] result, long[] matrix) {
        for (int n = 0; n < 32; n++) {
            result[n] = times(matrix, matrix[n]);
        }
    }

    /** Decodes {@link #encode}: the CRC32C value of a Base64 checksum, or {@code -1} if it is not one. */
    public static long decode(String base64) {
        try {
            byte[] b = Base64.getDecoder().decode(base64);
            return b.length == 4 ? ByteBuffer.wrap(b).getInt() & 0xFFFFFFFFL : -1;
        } catch (IllegalArgumentException e) {
            return -1;
        }
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
