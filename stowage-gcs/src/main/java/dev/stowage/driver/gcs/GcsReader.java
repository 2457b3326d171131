package dev.stowage.driver.gcs;

import com.google.cloud.ReadChannel;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.Storage;
import dev.stowage.ByteRange;
import dev.stowage.ObjectNotFoundException;
import dev.stowage.Operation;
import dev.stowage.PreconditionFailedException;
import dev.stowage.spi.Checksums;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.channels.Channels;

/**
 * Streams objects through the client's {@link ReadChannel}, positioned with {@code seek} and
 * {@code limit} for ranges.
 *
 * <p>Full reads (and suffix ranges, which need the size) first fetch the object's metadata and
 * then read exactly that generation; a full read computes the CRC32C of what it streams and fails
 * at the end if it differs from the one GCS stores. (The client itself does not check downloads:
 * it skips validation whenever GCS sends {@code x-goog-stored-content-length}, which it always
 * does.) With {@code verify-reads=false} full reads skip the metadata request and the check.
 *
 * <p>Other ranged reads read their first bytes before the stream is returned, so a missing object
 * fails the call with {@link ObjectNotFoundException} rather than the first read.
 */
final class GcsReader {
    private static final int FIRST_READ = 16 * 1024;

    private final GcsDriver driver;
    private final Storage storage;

    GcsReader(GcsDriver driver, Storage storage) {
        this.driver = driver;
        this.storage = storage;
    }

    InputStream read(String key, ByteRange range) {
        String name = driver.objectName(key);
        if (range.isSuffix() || (range.isAll() && driver.settings().verifyReads())) {
            // The read is pinned to the generation whose size and CRC32C were just fetched. A writer may
            // replace that generation in between (GCS keeps only the live one): then look again.
            for (int attempt = 1; ; attempt++) {
                try {
                    return readPinned(key, name, range);
                } catch (GenerationReplaced e) {
                    if (attempt == MAX_PINNED_ATTEMPTS) {
                        throw new dev.stowage.StorageUnavailableException(driver.disk(), Operation.READ, key,
                                "the object was replaced " + attempt + " times while being opened", e.getCause());
                    }
                }
            }
        }
        return open(key, BlobId.of(driver.bucket(), name), range.first(), range.last() < 0 ? -1 : range.last() + 1);
    }

    private static final int MAX_PINNED_ATTEMPTS = 5;

    /**
     * Reads {@code range} of the generation {@code etag} names (the etags this driver hands out are
     * generations). A generation that no longer exists, because the object was replaced or deleted,
     * is a {@link PreconditionFailedException}.
     */
    InputStream readGeneration(String key, ByteRange range, String etag) {
        Long generation = GcsObjects.generationOf(etag);
        if (generation == null) {
            throw new PreconditionFailedException(driver.disk(), Operation.READ, key,
                    "'" + etag + "' is not a generation of this object", null);
        }
        BlobId id = BlobId.of(driver.bucket(), driver.objectName(key), generation);
        try {
            return open(key, id, range.first(), range.last() < 0 ? -1 : range.last() + 1);
        } catch (ObjectNotFoundException e) {
            throw new PreconditionFailedException(driver.disk(), Operation.READ, key,
                    "generation " + generation + " of the object is gone (replaced or deleted)", e);
        }
    }

    /** The pinned generation disappeared between the metadata request and the media request. */
    private static final class GenerationReplaced extends RuntimeException {
        private static final long serialVersionUID = 1L;

        GenerationReplaced(ObjectNotFoundException cause) {
            super(cause);
        }
    }

    private InputStream readPinned(String key, String name, ByteRange range) {
        Blob blob;
        try {
            blob = storage.get(BlobId.of(driver.bucket(), name));
        } catch (RuntimeException e) {
            throw GcsErrors.translate(driver.disk(), Operation.READ, key, e);
        }
        if (blob == null) {
            throw new ObjectNotFoundException(driver.disk(), Operation.READ, key);
        }
        long size = blob.getSize();
        long start = range.startFor(size);
        if (range.lengthFor(size) == 0) {
            return InputStream.nullInputStream();
        }
        InputStream in;
        try {
            in = open(key, BlobId.of(driver.bucket(), name, blob.getGeneration()), start, -1);
        } catch (ObjectNotFoundException e) {
            throw new GenerationReplaced(e);
        }
        return range.isAll() && blob.getCrc32c() != null ? new Verifying(in, key, blob.getCrc32c(), size) : in;
    }

    private InputStream open(String key, BlobId id, long start, long endExclusive) {
        ReadChannel channel = storage.reader(id);
        InputStream in = null;
        try {
            // unbuffered: the client would otherwise allocate a 2 MiB buffer per read; callers buffer
            channel.setChunkSize(0);
            if (start > 0) {
                channel.seek(start);
            }
            if (endExclusive >= 0) {
                channel.limit(endExclusive);
            }
            in = Channels.newInputStream(channel);
            byte[] first = new byte[FIRST_READ];
            int n = in.readNBytes(first, 0, first.length);
            if (n < first.length) {
                in.close();
                return new ByteArrayInputStream(first, 0, n);
            }
            return new SequenceInputStream(new ByteArrayInputStream(first, 0, n), in);
        } catch (IOException | RuntimeException e) {
            closeQuietly(in, channel);
            if (GcsErrors.code(e) == 416) {
                return InputStream.nullInputStream();
            }
            throw GcsErrors.translate(driver.disk(), Operation.READ, key, e);
        }
    }

    private static void closeQuietly(InputStream in, ReadChannel channel) {
        try {
            if (in != null) {
                in.close();
            }
        } catch (IOException ignored) {
            // already failing
        }
        channel.close();
    }

    /** Computes the CRC32C of a full read and fails at its end when it differs from the stored one. */
    private final class Verifying extends FilterInputStream {
        private final String key;
        private final String expected;
        private final long size;
        private final Checksums.Crc32cInputStream crc;
        private boolean checked;

        Verifying(InputStream in, String key, String expected, long size) {
            this(new Checksums.Crc32cInputStream(in), key, expected, size);
        }

        private Verifying(Checksums.Crc32cInputStream crc, String key, String expected, long size) {
            super(crc);
            this.crc = crc;
            this.key = key;
            this.expected = expected;
            this.size = size;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) {
                check();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n < 0) {
                check();
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] sink = new byte[(int) Math.min(8192, Math.max(0, n))];
            long skipped = 0;
            while (skipped < n) {
                int r = read(sink, 0, (int) Math.min(sink.length, n - skipped));
                if (r < 0) {
                    break;
                }
                skipped += r;
            }
            return skipped;
        }

        private void check() throws IOException {
            if (checked) {
                return;
            }
            checked = true;
            if (crc.count() != size || !crc.checksum().equals(expected)) {
                throw new IOException(new dev.stowage.StorageException(driver.disk(), Operation.READ, key,
                        "checksum mismatch: read " + crc.count() + " bytes with CRC32C " + crc.checksum()
                                + ", GCS stores " + size + " bytes with CRC32C " + expected, null));
            }
        }
    }
}
