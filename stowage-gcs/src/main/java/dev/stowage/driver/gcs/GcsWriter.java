package dev.stowage.driver.gcs;

import com.google.cloud.storage.Blob;
import com.google.api.services.storage.model.StorageObject;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.BlobWriteSession;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.Storage.BlobTargetOption;
import com.google.cloud.storage.Storage.BlobWriteOption;
import dev.stowage.Content;
import dev.stowage.ObjectInfo;
import dev.stowage.Operation;
import dev.stowage.PreconditionFailedException;
import dev.stowage.StorageException;
import dev.stowage.spi.Checksums;
import dev.stowage.spi.WriteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.ExecutionException;

/**
 * Writes objects. Objects whose length is known and at most one chunk go in one request
 * (multipart upload); everything else goes through a resumable upload session in chunks of
 * {@code chunk-size}, in constant memory. A failing content stream leaves the session unfinished:
 * GCS never makes the object visible (the session expires after a week). Preconditions map onto
 * generations: {@code ifNoneMatch} is {@code ifGenerationMatch=0}, {@code ifMatch(etag)} is
 * {@code ifGenerationMatch=<generation>}. The CRC32C Stowage computes while reading the content
 * must equal the one GCS reports, else the new generation is deleted and the write fails.
 */
final class GcsWriter {
    private static final int COPY_BUFFER = 256 * 1024;

    private final GcsDriver driver;
    private final Storage storage;
    private final GcsMedia media;

    GcsWriter(GcsDriver driver, Storage storage, GcsMedia media) {
        this.driver = driver;
        this.storage = storage;
        this.media = media;
    }

    ObjectInfo write(String key, Content content, WriteOptions options) {
        String name = driver.objectName(key);
        Long generation = requiredGeneration(key, name, options);
        BlobInfo.Builder info = BlobInfo.newBuilder(BlobId.of(driver.bucket(), name))
                .setContentType(options.contentType()).setContentDisposition(options.contentDisposition())
                .setCacheControl(options.cacheControl());
        if (!options.metadata().isEmpty()) {
            info.setMetadata(options.metadata());
        }
        long length = content.length();
        try {
            BlobInfo stored;
            String expectedCrc;
            if (length >= 0 && length <= driver.settings().chunkSize()) {
                byte[] bytes = bytes(key, content, (int) length);
                expectedCrc = Checksums.crc32c(bytes);
                // one request of known length with the CRC32C in its metadata (GCS rejects a mismatch);
                // through the client it would be sent chunked, its CRC32C computed again in plain Java
                StorageObject metadata = new StorageObject().setName(name).setContentType(options.contentType())
                        .setContentDisposition(options.contentDisposition()).setCacheControl(options.cacheControl())
                        .setCrc32c(expectedCrc);
                if (!options.metadata().isEmpty()) {
                    metadata.setMetadata(options.metadata());
                }
                StorageObject created = media.upload(metadata, bytes, generation);
                verify(key, created.getGeneration(), created.getCrc32c(), expectedCrc);
                return GcsObjects.toInfo(driver.disk(), key, created);
            } else {
                BlobWriteOption[] opts = generation == null ? new BlobWriteOption[0]
                        : new BlobWriteOption[] {BlobWriteOption.generationMatch(generation)};
                BlobWriteSession session = storage.blobWriteSession(info.build(), opts);
                WritableByteChannel channel = session.open();
                Checksums.Crc32cInputStream in;
                try {
                    in = new Checksums.Crc32cInputStream(content.openStream());
                } catch (IOException e) {
                    throw new StorageException(driver.disk(), Operation.WRITE, key,
                            "cannot open the content: " + e.getMessage(), e);
                }
                try (in) {
                    pump(in, channel);
                    if (length >= 0 && in.count() != length) {
                        throw new StorageException(driver.disk(), Operation.WRITE, key, "the content had "
                                + in.count() + " bytes, not the " + length + " announced", null);
                    }
                } catch (ContentFailure e) {
                    // the channel is deliberately NOT closed: closing would finalize a partial object
                    throw new StorageException(driver.disk(), Operation.WRITE, key,
                            "reading the content failed: " + e.getCause().getMessage(), e.getCause());
                }
                channel.close();
                stored = session.getResult().get();
                expectedCrc = in.checksum();
            }
            verify(key, stored.getGeneration(), stored.getCrc32c(), expectedCrc);
            return GcsObjects.toInfo(driver.disk(), key, stored);
        } catch (ExecutionException e) {
            throw GcsErrors.translate(driver.disk(), Operation.WRITE, key, e.getCause(), options.ifNoneMatch());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException(driver.disk(), Operation.WRITE, key, "interrupted", e);
        } catch (IOException | RuntimeException e) {
            throw GcsErrors.translate(driver.disk(), Operation.WRITE, key, e, options.ifNoneMatch());
        }
    }

    private Long requiredGeneration(String key, String name, WriteOptions options) {
        if (options.ifNoneMatch()) {
            return 0L;
        }
        if (options.ifMatch() == null) {
            return null;
        }
        Long generation = GcsObjects.generationOf(options.ifMatch());
        if (generation != null) {
            return generation;
        }
        // a native GCS etag: compare it with the live object's, then pin that generation
        Blob current;
        try {
            current = storage.get(BlobId.of(driver.bucket(), name));
        } catch (RuntimeException e) {
            throw GcsErrors.translate(driver.disk(), Operation.WRITE, key, e);
        }
        if (current == null) {
            throw new PreconditionFailedException(driver.disk(), Operation.WRITE, key, "the object does not exist",
                    null);
        }
        if (!options.ifMatch().equals(current.getEtag())) {
            throw new PreconditionFailedException(driver.disk(), Operation.WRITE, key,
                    "the object's etag is not '" + options.ifMatch() + "'", null);
        }
        return current.getGeneration();
    }

    private void verify(String key, Long generation, String storedCrc, String expectedCrc) {
        if (storedCrc != null && !storedCrc.equals(expectedCrc)) {
            try {
                storage.delete(BlobId.of(driver.bucket(), driver.objectName(key)),
                        Storage.BlobSourceOption.generationMatch(generation));
            } catch (RuntimeException ignored) {
                // best effort: the failure below is what matters
            }
            throw new StorageException(driver.disk(), Operation.WRITE, key, "checksum mismatch: sent CRC32C "
                    + expectedCrc + ", GCS stored " + storedCrc, null);
        }
    }

    private byte[] bytes(String key, Content content, int length) {
        if (content instanceof Content.Bytes b) {
            return b.bytes();
        }
        try (InputStream in = content.openStream()) {
            byte[] bytes = in.readNBytes(length);
            if (bytes.length != length || in.read() != -1) {
                throw new StorageException(driver.disk(), Operation.WRITE, key,
                        "the content's length differs from the " + length + " bytes announced", null);
            }
            return bytes;
        } catch (IOException e) {
            throw new StorageException(driver.disk(), Operation.WRITE, key,
                    "reading the content failed: " + e.getMessage(), e);
        }
    }

    /** A failure of the content being uploaded, as opposed to one of the upload. */
    private static final class ContentFailure extends IOException {
        private static final long serialVersionUID = 1L;

        ContentFailure(IOException cause) {
            super(cause);
        }
    }

    private static int read(InputStream in, byte[] buffer) throws ContentFailure {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            throw new ContentFailure(e);
        }
    }

    private static void pump(InputStream in, WritableByteChannel channel) throws IOException {
        byte[] buffer = new byte[COPY_BUFFER];
        int n;
        while ((n = read(in, buffer)) >= 0) {
            ByteBuffer b = ByteBuffer.wrap(buffer, 0, n);
            while (b.hasRemaining()) {
                channel.write(b);
            }
        }
    }
}
