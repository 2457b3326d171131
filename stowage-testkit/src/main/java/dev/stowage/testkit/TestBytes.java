package dev.stowage.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

/**
 * Test data for the contract: reproducible random bytes, streams of any length that never hold
 * the whole content in memory, and the digests to compare them by.
 */
public final class TestBytes {
    private TestBytes() {
    }

    /** {@code length} pseudo-random bytes, the same for the same seed. */
    public static byte[] random(int length, long seed) {
        byte[] b = new byte[length];
        fill(new SplittableRandom(seed), b, 0, length);
        return b;
    }

    /** {@code length} pseudo-random bytes. */
    public static byte[] random(int length) {
        return random(length, System.nanoTime());
    }

    /**
     * A stream of {@code length} pseudo-random bytes generated on the fly (constant memory); the
     * same seed yields the same bytes as {@link #random(int, long)}.
     */
    public static InputStream stream(long length, long seed) {
        return new InputStream() {
            private final SplittableRandom random = new SplittableRandom(seed);
            private final byte[] block = new byte[8];
            private int blockPos = 8;
            private long remaining = length;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (remaining <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, remaining);
                int i = 0;
                while (i < n && blockPos < 8) {
                    b[off + i++] = block[blockPos++];
                }
                for (; i + 8 <= n; i += 8) {
                    long v = random.nextLong();
                    for (int j = 0; j < 8; j++) {
                        b[off + i + j] = (byte) (v >>> (8 * j));
                    }
                }
                for (; i < n; i++) {
                    if (blockPos == 8) {
                        long v = random.nextLong();
                        for (int j = 0; j < 8; j++) {
                            block[j] = (byte) (v >>> (8 * j));
                        }
                        blockPos = 0;
                    }
                    b[off + i] = block[blockPos++];
                }
                remaining -= n;
                return n;
            }
        };
    }

    private static void fill(SplittableRandom random, byte[] b, int off, int len) {
        int i = 0;
        while (i < len) {
            long v = random.nextLong();
            for (int j = 0; j < 8 && i < len; j++, i++) {
                b[off + i] = (byte) (v >>> (8 * j));
            }
        }
    }

    /** Hex SHA-256 of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /** Hex SHA-256 of everything left in {@code in}, read in chunks; closes the stream. */
    public static String sha256(InputStream in) throws IOException {
        MessageDigest md = digest();
        try (in) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) >= 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** CRC32C of {@code bytes} as Base64 of the 4 big-endian bytes (the form providers use). */
    public static String crc32c(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
