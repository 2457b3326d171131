package dev.stowage.driver.s3;

import dev.stowage.ObjectInfo;
import dev.stowage.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.UploadPartCopyResponse;

/**
 * Server-side copy of objects too large for CopyObject (above 5 GiB, or the configured
 * {@code multipart-copy-threshold}): a multipart upload whose parts are {@code UploadPartCopy}
 * ranges of the source, {@code parallelism} at once, each pinned to the source's etag so a source
 * changed mid-way fails the copy instead of mixing versions. Content type, metadata, disposition,
 * cache control and tags are carried over. Aborted on any failure.
 */
final class MultipartCopy {

    private final S3Client client;
    private final S3Settings s;
    private final S3Errors errors;

    MultipartCopy(S3Client client, S3Settings settings, S3Errors errors) {
        this.client = client;
        this.s = settings;
        this.errors = errors;
    }

    ObjectInfo copy(ObjectInfo source, java.util.Map<String, String> tags, String targetKey) {
        String from = s.fullKey(source.key());
        String to = s.fullKey(targetKey);
        long size = source.size();
        long partSize = Math.max(s.copyPartSize(), (size + S3Settings.MAX_PARTS - 1) / S3Settings.MAX_PARTS);
        String uploadId;
        try {
            uploadId = client.createMultipartUpload(CreateMultipartUploadRequest.builder().bucket(s.bucket()).key(to)
                    .contentType(source.contentType()).metadata(S3Headers.encodeMetadata(source.metadata()))
                    .contentDisposition(source.contentDisposition()).cacheControl(source.cacheControl())
                    .tagging(S3Headers.tagging(tags)).build()).uploadId();
        } catch (RuntimeException e) {
            throw errors.translate(e, Operation.COPY, targetKey);
        }
        Semaphore permits = new Semaphore(s.parallelism());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        ConcurrentSkipListMap<Integer, CompletedPart> done = new ConcurrentSkipListMap<>();
        List<Thread> threads = new ArrayList<>();
        try {
            int partNumber = 0;
            for (long offset = 0; offset < size || partNumber == 0; offset += partSize) {
                permits.acquire();
                if (failure.get() != null) {
                    break;
                }
                int n = ++partNumber;
                String range = "bytes=" + offset + "-" + (Math.min(size, offset + partSize) - 1);
                threads.add(Thread.ofVirtual().name("stowage-s3-copy-part-" + n).start(() -> {
                    try {
                        UploadPartCopyResponse r = client.uploadPartCopy(b -> b.sourceBucket(s.bucket())
                                .sourceKey(from).destinationBucket(s.bucket()).destinationKey(to).uploadId(uploadId)
                                .partNumber(n).copySourceRange(range).copySourceIfMatch(quoted(source.etag())));
                        done.put(n, CompletedPart.builder().partNumber(n).eTag(r.copyPartResult().eTag()).build());
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                    } finally {
                        permits.release();
                    }
                }));
                if (size == 0) {
                    break;
                }
            }
            for (Thread t : threads) {
                t.join();
            }
            if (failure.get() != null) {
                throw failure.get();
            }
            CompleteMultipartUploadResponse r = client.completeMultipartUpload(b -> b.bucket(s.bucket()).key(to)
                    .uploadId(uploadId).multipartUpload(m -> m.parts(new ArrayList<>(done.values()))));
            return source.toBuilder().key(targetKey).etag(r.eTag()).lastModified(S3Headers.now())
                    .checksums(java.util.Map.of()).tags(tags).build();
        } catch (Throwable t) {
            for (Thread thread : threads) {
                thread.interrupt();
            }
            boolean interrupted = Thread.interrupted();
            for (Thread thread : threads) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            try {
                client.abortMultipartUpload(AbortMultipartUploadRequest.builder().bucket(s.bucket()).key(to)
                        .uploadId(uploadId).build());
            } catch (RuntimeException e) {
                t.addSuppressed(e);
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (t instanceof Error err) {
                throw err;
            }
            throw errors.translate(t, Operation.COPY, source.key());
        }
    }

    private static String quoted(String etag) {
        return etag == null ? null : "\"" + etag + "\"";
    }
}
