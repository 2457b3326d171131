package dev.stowage.driver.gcs;

import com.google.cloud.ReadChannel;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.Storage;
import dev.stowage.ByteRange;
import dev.stowage.ObjectInfo;
import dev.stowage.Operation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.channels.Channels;

/**
 * Streams objects through the client's {@link ReadChannel}, positioned with {@code seek} and
 * {@code limit} for ranges. The first bytes are read before the stream is returned, so a missing
 * object fails the call (with {@link dev.stowage.ObjectNotFoundException}) rather than the first
 * read. Suffix ranges need the size: they stat first and pin the generation they saw. Full reads
 * are checked against the CRC32C GCS sends in {@code x-goog-hash} (by the client); a mismatch
 * fails the read.
 */
final class GcsReader {
    private static final int FIRST_READ = 64 * 1024;

    private final GcsDriver driver;
    private final Storage storage;

    GcsReader(GcsDriver driver, Storage storage) {
        this.driver = driver;
        this.storage = storage;
    }

    InputStream read(String key, ByteRange range) {
        String name = driver.objectName(key);
        BlobId id = BlobId.of(driver.bucket(), name);
        long start = range.isSuffix() ? -1 : range.first();
        long endExclusive = range.isSuffix() || range.last() < 0 ? -1 : range.last() + 1;
        if (range.isSuffix()) {
            ObjectInfo info = driver.stat(key);
            long size = info.size();
            start = range.startFor(size);
            if (range.lengthFor(size) == 0) {
                return InputStream.nullInputStream();
            }
            id = BlobId.of(driver.bucket(), name, Long.parseLong(info.etag()));
        }
        ReadChannel channel = storage.reader(id);
        InputStream in = null;
        try {
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
}
