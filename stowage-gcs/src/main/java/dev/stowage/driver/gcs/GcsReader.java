package dev.stowage.driver.gcs;

import dev.stowage.ByteRange;
import dev.stowage.Operation;
import dev.stowage.PreconditionFailedException;
import dev.stowage.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.zip.CRC32C;

/**
 * Streams objects with one media request each ({@link GcsMedia}), ranges as a {@code Range}
 * header (suffix ranges included, which GCS answers itself).
 *
 * <p>A full read computes the CRC32C of what it streams and fails at its end, with a
 * {@link StorageException} saying "checksum mismatch", if it differs from the one GCS sent in the
 * response's {@code x-goog-hash} header (or if fewer bytes came than the stored length). No
 * metadata request is needed for that: the header carries the stored object's checksum. (The
 * client itself does not check downloads: it skips validation whenever GCS sends
 * {@code x-goog-stored-content-length}, which it always does.) With {@code verify-reads=false} the
 * CRC32C is not computed. Objects served transcoded (stored gzipped but sent decompressed) cannot
 * be checked against the stored checksum and are not.
 *
 * <p>A missing object fails the call with {@code ObjectNotFoundException}, not the first read. A
 * connection lost mid-stream is resumed from the next byte, pinned to the generation the first
 * response named, up to the disk's {@code max-attempts}; if that generation was replaced meanwhile
 * the read fails rather than mixing two objects.
 */
final class GcsReader {
    private final GcsDriver driver;
    private final GcsMedia media;

    GcsReader(GcsDriver driver, GcsMedia media) {
        this.driver = driver;
        this.media = media;
    }

    InputStream read(String key, ByteRange range) {
        String name = driver.objectName(key);
        GcsMedia.Response response;
        try {
            response = media.open(name, null, range.isAll() ? null : range.toHttpHeader());
        } catch (IOException | RuntimeException e) {
            if (GcsErrors.code(e) == 416) {
                return InputStream.nullInputStream();
            }
            throw GcsErrors.translate(driver.disk(), Operation.READ, key, e);
        }
        boolean verify = range.isAll() && driver.settings().verifyReads() && response.status() == 200
                && response.crc32c() != null && !response.transcoded();
        return new MediaStream(key, name, response, verify);
    }

    /**
     * Reads {@code range} of the generation {@code etag} names (the etags this driver hands out are
     * generations), for ranged downloads. A generation that no longer exists, because the object was
     * replaced or deleted, is a {@link PreconditionFailedException}.
     */
    InputStream readGeneration(String key, ByteRange range, String etag) {
        Long generation = GcsObjects.generationOf(etag);
        if (generation == null) {
            throw new PreconditionFailedException(driver.disk(), Operation.READ, key,
                    "'" + etag + "' is not a generation of this object", null);
        }
        String name = driver.objectName(key);
        GcsMedia.Response response;
        try {
            response = media.open(name, generation, range.isAll() ? null : range.toHttpHeader());
        } catch (IOException | RuntimeException e) {
            int code = GcsErrors.code(e);
            if (code == 416) {
                return InputStream.nullInputStream();
            }
            if (code == 404) {
                throw new PreconditionFailedException(driver.disk(), Operation.READ, key,
                        "generation " + generation + " of the object is gone (replaced or deleted)", e);
            }
            throw GcsErrors.translate(driver.disk(), Operation.READ, key, e);
        }
        return new MediaStream(key, name, response, false);
    }

    /** The body of a media response: resumes after a lost connection, checks the CRC32C at its end. */
    private final class MediaStream extends InputStream {
        private final String key;
        private final String name;
        private final long generation;
        private final long first;
        private final long endExclusive;
        private final String expectedCrc;
        private final long expectedSize;
        private final CRC32C crc;
        private GcsMedia.Response response;
        private long position;
        private int attempts = 1;
        private boolean done;

        MediaStream(String key, String name, GcsMedia.Response response, boolean verify) {
            this.key = key;
            this.name = name;
            this.response = response;
            this.generation = response.generation();
            this.first = response.first();
            this.endExclusive = response.endExclusive();
            this.expectedCrc = verify ? response.crc32c() : null;
            this.expectedSize = response.storedLength();
            this.crc = verify ? new CRC32C() : null;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            while (true) {
                int n;
                try {
                    n = response.body().read(b, off, len);
                } catch (IOException e) {
                    resume(e);
                    continue;
                }
                if (n < 0) {
                    done = true;
                    check();
                    return -1;
                }
                if (crc != null) {
                    crc.update(b, off, n);
                }
                position += n;
                return n;
            }
        }

        private void resume(IOException cause) throws IOException {
            closeQuietly();
            int max = driver.settings().maxAttempts();
            if (attempts >= max || generation < 0 || !GcsMedia.retryable(cause)
                    || endExclusive >= 0 && first + position >= endExclusive) {
                throw cause;
            }
            attempts++;
            String range = "bytes=" + (first + position) + "-" + (endExclusive >= 0 ? Long.toString(endExclusive - 1) : "");
            try {
                response = media.open(name, generation, range);
            } catch (IOException | RuntimeException e) {
                e.addSuppressed(cause);
                throw new IOException(GcsErrors.translate(driver.disk(), Operation.READ, key, e));
            }
        }

        private void check() throws IOException {
            if (crc == null) {
                return;
            }
            String actual = crc32c(crc.getValue());
            if (position != expectedSize && expectedSize >= 0 || !actual.equals(expectedCrc)) {
                throw new IOException(new StorageException(driver.disk(), Operation.READ, key,
                        "checksum mismatch: read " + position + " bytes with CRC32C " + actual
                                + ", GCS stores " + expectedSize + " bytes with CRC32C " + expectedCrc, null));
            }
        }

        private void closeQuietly() {
            try {
                response.close();
            } catch (IOException ignored) {
                // already failing
            }
        }

        @Override
        public void close() throws IOException {
            done = true;
            response.close();
        }
    }

    /** The base64 of the big-endian CRC32C, as GCS writes it. */
    static String crc32c(long value) {
        int v = (int) value;
        return Base64.getEncoder().encodeToString(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
    }
}
