package dev.stowage.driver.gcs;

import com.google.api.client.util.DateTime;
import com.google.api.services.storage.model.StorageObject;
import java.time.Instant;

import com.google.cloud.storage.BlobInfo;
import dev.stowage.ChecksumAlgorithm;
import dev.stowage.ObjectInfo;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.TreeMap;

/**
 * Converts the client's {@link BlobInfo} to {@link ObjectInfo}. The etag Stowage hands out is the
 * object's generation (decimal), so that {@code ifMatch(etag)} maps exactly onto GCS's
 * {@code ifGenerationMatch} precondition.
 */
final class GcsObjects {
    private GcsObjects() {
    }

    static ObjectInfo toInfo(String disk, String key, BlobInfo blob) {
        Map<String, String> metadata = new TreeMap<>();
        if (blob.getMetadata() != null) {
            blob.getMetadata().forEach((k, v) -> {
                if (k != null && v != null) {
                    metadata.put(k, v);
                }
            });
        }
        OffsetDateTime modified = blob.getCreateTimeOffsetDateTime() != null ? blob.getCreateTimeOffsetDateTime()
                : blob.getUpdateTimeOffsetDateTime();
        return ObjectInfo.builder(key).disk(disk).size(blob.getSize() == null ? 0 : blob.getSize())
                .contentType(blob.getContentType()).lastModified(modified == null ? null : modified.toInstant())
                .etag(blob.getGeneration() == null ? blob.getEtag() : Long.toString(blob.getGeneration()))
                .checksum(ChecksumAlgorithm.CRC32C, blob.getCrc32c()).checksum(ChecksumAlgorithm.MD5, blob.getMd5())
                .metadata(metadata).contentDisposition(blob.getContentDisposition())
                .cacheControl(blob.getCacheControl()).build();
    }

    /** The same from the JSON API's object resource (what a single-request upload answers). */
    static ObjectInfo toInfo(String disk, String key, StorageObject o) {
        Map<String, String> metadata = new TreeMap<>();
        if (o.getMetadata() != null) {
            o.getMetadata().forEach((k, v) -> {
                if (k != null && v != null) {
                    metadata.put(k, v);
                }
            });
        }
        DateTime modified = o.getTimeCreated() != null ? o.getTimeCreated() : o.getUpdated();
        return ObjectInfo.builder(key).disk(disk).size(o.getSize() == null ? 0 : o.getSize().longValueExact())
                .contentType(o.getContentType())
                .lastModified(modified == null ? null : Instant.ofEpochMilli(modified.getValue()))
                .etag(o.getGeneration() == null ? o.getEtag() : Long.toString(o.getGeneration()))
                .checksum(ChecksumAlgorithm.CRC32C, o.getCrc32c()).checksum(ChecksumAlgorithm.MD5, o.getMd5Hash())
                .metadata(metadata).contentDisposition(o.getContentDisposition())
                .cacheControl(o.getCacheControl()).build();
    }

    /** The generation an etag handed out by this driver names, or {@code null} if it is not one. */
    static Long generationOf(String etag) {
        if (etag == null || etag.isEmpty() || etag.length() > 19) {
            return null;
        }
        for (int i = 0; i < etag.length(); i++) {
            if (!Character.isDigit(etag.charAt(i))) {
                return null;
            }
        }
        return Long.parseLong(etag);
    }
}
