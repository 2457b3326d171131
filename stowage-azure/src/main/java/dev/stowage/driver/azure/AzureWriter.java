package dev.stowage.driver.azure;

import com.azure.core.http.rest.Response;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlockBlobItem;
import com.azure.storage.blob.options.BlockBlobCommitBlockListOptions;
import com.azure.storage.blob.options.BlockBlobSimpleUploadOptions;
import com.azure.storage.blob.options.BlockBlobStageBlockOptions;
import com.azure.storage.blob.specialized.BlockBlobClient;
import dev.stowage.ChecksumAlgorithm;
import dev.stowage.Content;
import dev.stowage.ETags;
import dev.stowage.ObjectInfo;
import dev.stowage.Operation;
import dev.stowage.StorageException;
import dev.stowage.spi.Checksums;
import dev.stowage.spi.WriteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32C;

/**
 * Writes block blobs. Content up to {@code single-upload-threshold} goes in one Put Blob. Larger
 * content, and content of unknown length that turns out larger, is cut into blocks of
 * {@code block-size} that are staged in parallel, at most {@code parallelism} at once: the reader
 * takes a buffer from a pool of that many, so memory stays at
 * {@code threshold + parallelism × block-size} whatever the size. The block list is committed only
 * when every block is in, with the preconditions, headers, metadata and tags; if anything fails
 * nothing is committed and uncommitted blocks are collected by Azure. The CRC32C of the content is
 * stored as metadata with every object (and checked on whole reads); where {@code upload-md5} says so
 * ({@link AzureSettings#sendsMd5}), each request also carries its MD5 for the service to check (the
 * service rejects a body that does not match) and a block list the MD5 of the whole content.
 */
final class AzureWriter {
    /**
     * The metadata entry holding the CRC32C Stowage computed while uploading (Azure has no CRC32C
     * of its own); reported in {@link ObjectInfo#checksums()}, hidden from user metadata.
     */
    static final String CRC32C_METADATA = "stowage_crc32c";

    private final AzureSettings settings;
    private final AzureErrors errors;
    private final ExecutorService executor;

    AzureWriter(AzureSettings settings, AzureErrors errors, ExecutorService executor) {
        this.settings = settings;
        this.errors = errors;
        this.executor = executor;
    }

    ObjectInfo write(BlockBlobClient blob, String key, Content content, WriteOptions options) {
        long length = content.length();
        if (content instanceof Content.Bytes b && b.bytes().length <= settings.singleUploadThreshold()) {
            return single(blob, key, b.bytes(), b.bytes().length, options);
        }
        try (InputStream in = content.openStream()) {
            int head = length >= 0 && length <= settings.singleUploadThreshold() ? (int) length
                    : settings.singleUploadThreshold();
            byte[] first = new byte[head];
            int n = in.readNBytes(first, 0, head);
            if (n < head) {
                if (length >= 0) {
                    throw new StorageException(settings.disk(), Operation.WRITE, key,
                            "the content ended after " + n + " of " + length + " bytes; nothing was stored", null);
                }
                return single(blob, key, first, n, options);
            }
            int next = in.read();
            if (next < 0) {
                return single(blob, key, first, n, options);
            }
            return staged(blob, key, first, n, next, in, options);
        } catch (IOException e) {
            throw new StorageException(settings.disk(), Operation.WRITE, key,
                    "reading the content failed: " + e.getMessage() + "; nothing was stored", e);
        }
    }

    private ObjectInfo single(BlockBlobClient blob, String key, byte[] data, int length, WriteOptions options) {
        byte[] md5 = null;
        if (settings.uploadMd5()) {
            MessageDigest digest = md5();
            digest.update(data, 0, length);
            md5 = digest.digest();
        }
        CRC32C crc = new CRC32C();
        crc.update(data, 0, length);
        String crc32c = Checksums.encode(crc.getValue());
        BinaryData body = length == data.length ? BinaryData.fromBytes(data)
                : BinaryData.fromByteBuffer(ByteBuffer.wrap(data, 0, length));
        BlockBlobSimpleUploadOptions upload = new BlockBlobSimpleUploadOptions(body)
                .setHeaders(headers(options, null)).setContentMd5(md5).setRequestConditions(conditions(options))
                .setMetadata(metadata(key, options, crc32c));
        if (!options.tags().isEmpty()) {
            upload.setTags(options.tags());
        }
        try {
            Response<BlockBlobItem> r = blob.uploadWithResponse(upload, null, Context.NONE);
            // Put Blob stores the MD5 the service computed whether or not one was sent
            byte[] stored = md5 != null ? md5 : r.getValue().getContentMd5();
            return info(key, length, r.getValue(), stored, crc32c, options);
        } catch (RuntimeException e) {
            throw errors.translate(e, Operation.WRITE, key, options.ifNoneMatch());
        }
    }

    private ObjectInfo staged(BlockBlobClient blob, String key, byte[] first, int firstLength, int nextByte,
            InputStream in, WriteOptions options) throws IOException {
        int blockSize = settings.blockSize();
        String uploadId = HexFormat.of().formatHex(randomBytes(6));
        MessageDigest whole = settings.uploadMd5() ? md5() : null;
        CRC32C crc = new CRC32C();
        List<String> ids = new ArrayList<>();
        List<Future<?>> inFlight = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        BlockingQueue<byte[]> pool = new ArrayBlockingQueue<>(settings.parallelism());
        for (int i = 0; i < settings.parallelism(); i++) {
            pool.add(new byte[0]); // allocated lazily, to the block size, when first taken
        }
        long total = 0;
        try {
            // the head already read: staged in block-sized slices of the same array, one permit each
            for (int off = 0; off < firstLength; off += blockSize) {
                int len = Math.min(blockSize, firstLength - off);
                byte[] permit = take(pool);
                if (whole != null) {
                    whole.update(first, off, len);
                }
                crc.update(first, off, len);
                total += len;
                String id = blockId(uploadId, ids.size());
                ids.add(id);
                inFlight.add(stage(blob, key, id, first, off, len, pool, permit, failure));
                if (failure.get() != null) {
                    break;
                }
            }
            boolean pendingByte = true;
            while (failure.get() == null) {
                byte[] buffer = take(pool);
                if (buffer.length != blockSize) {
                    buffer = new byte[blockSize];
                }
                int off = 0;
                if (pendingByte) {
                    buffer[0] = (byte) nextByte;
                    off = 1;
                    pendingByte = false;
                }
                int n = off + in.readNBytes(buffer, off, blockSize - off);
                if (n == 0) {
                    pool.add(buffer);
                    break;
                }
                if (whole != null) {
                    whole.update(buffer, 0, n);
                }
                crc.update(buffer, 0, n);
                total += n;
                String id = blockId(uploadId, ids.size());
                ids.add(id);
                inFlight.add(stage(blob, key, id, buffer, 0, n, pool, buffer, failure));
                if (n < blockSize) {
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            failure.compareAndSet(null, e);
        } finally {
            awaitAll(inFlight);
        }
        Throwable failed = failure.get();
        if (failed != null) {
            if (failed instanceof IOException io) {
                throw new StorageException(settings.disk(), Operation.WRITE, key, "reading the content failed: "
                        + io.getMessage() + "; nothing was stored", io);
            }
            throw errors.translate(failed, Operation.WRITE, key);
        }
        byte[] md5 = whole == null ? null : whole.digest();
        String crc32c = Checksums.encode(crc.getValue());
        BlockBlobCommitBlockListOptions commit = new BlockBlobCommitBlockListOptions(ids)
                .setHeaders(headers(options, md5)).setRequestConditions(conditions(options))
                .setMetadata(metadata(key, options, crc32c));
        if (!options.tags().isEmpty()) {
            commit.setTags(options.tags());
        }
        try {
            Response<BlockBlobItem> r = blob.commitBlockListWithResponse(commit, null, Context.NONE);
            return info(key, total, r.getValue(), md5, crc32c, options);
        } catch (RuntimeException e) {
            throw errors.translate(e, Operation.WRITE, key, options.ifNoneMatch());
        }
    }

    private Future<?> stage(BlockBlobClient blob, String key, String id, byte[] data, int off, int len,
            BlockingQueue<byte[]> pool, byte[] permit, AtomicReference<Throwable> failure) {
        return executor.submit(() -> {
            try {
                if (failure.get() != null) {
                    return;
                }
                BinaryData body = BinaryData.fromByteBuffer(ByteBuffer.wrap(data, off, len).slice());
                BlockBlobStageBlockOptions block = new BlockBlobStageBlockOptions(id, body);
                if (settings.uploadMd5()) {
                    MessageDigest md = md5();
                    md.update(data, off, len);
                    block.setContentMd5(md.digest());
                }
                blob.stageBlockWithResponse(block, null, Context.NONE);
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            } finally {
                pool.add(permit);
            }
        });
    }

    private static byte[] take(BlockingQueue<byte[]> pool) throws IOException {
        try {
            return pool.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for a block to be uploaded");
        }
    }

    private static void awaitAll(List<Future<?>> futures) {
        boolean interrupted = false;
        for (Future<?> f : futures) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // finish waiting: blocks must not outlive the call
                } catch (java.util.concurrent.ExecutionException e) {
                    break; // recorded in the failure reference by the task itself
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The user's metadata plus the CRC32C under {@link #CRC32C_METADATA}. */
    private Map<String, String> metadata(String key, WriteOptions options, String crc32c) {
        if (options.metadata().containsKey(CRC32C_METADATA)) {
            throw new StorageException(settings.disk(), Operation.WRITE, key, "the metadata name '" + CRC32C_METADATA
                    + "' is reserved by the azure driver", null);
        }
        Map<String, String> all = new HashMap<>(options.metadata());
        all.put(CRC32C_METADATA, crc32c);
        return all;
    }

    private ObjectInfo info(String key, long size, BlockBlobItem item, byte[] md5, String crc32c,
            WriteOptions options) {
        ObjectInfo.Builder b = ObjectInfo.builder(key).disk(settings.disk()).size(size).contentType(options.contentType())
                .lastModified(item.getLastModified() == null ? null : item.getLastModified().toInstant())
                .etag(item.getETag()).checksum(ChecksumAlgorithm.CRC32C, crc32c);
        if (md5 != null && md5.length > 0) {
            b.checksum(ChecksumAlgorithm.MD5, Base64.getEncoder().encodeToString(md5));
        }
        return b.metadata(options.metadata()).tags(options.tags()).contentDisposition(options.contentDisposition())
                .cacheControl(options.cacheControl()).build();
    }

    static BlobHttpHeaders headers(WriteOptions options, byte[] md5) {
        BlobHttpHeaders h = new BlobHttpHeaders().setContentType(options.contentType())
                .setContentDisposition(options.contentDisposition()).setCacheControl(options.cacheControl());
        if (md5 != null) {
            h.setContentMd5(md5);
        }
        return h;
    }

    static BlobRequestConditions conditions(WriteOptions options) {
        if (options.ifNoneMatch()) {
            return new BlobRequestConditions().setIfNoneMatch("*");
        }
        if (options.ifMatch() != null) {
            return new BlobRequestConditions().setIfMatch(ETags.quote(options.ifMatch()));
        }
        return null;
    }

    /** Block ids of one upload all have the same length, as Azure requires. */
    private static String blockId(String uploadId, int index) {
        String raw = uploadId + "-" + String.format("%06d", index);
        return Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }

    static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks MD5", e);
        }
    }
}
