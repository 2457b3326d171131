package dev.stowage;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What is known about one stored object.
 *
 * <p>From {@code stat} and {@code put} every field the provider keeps is filled. From listings
 * only key, size, last-modified and etag are guaranteed: providers do not return metadata there.
 *
 * @param disk the disk name
 * @param key the object key, relative to the disk
 * @param size size in bytes
 * @param contentType MIME type, never {@code null} ({@code application/octet-stream} when unknown)
 * @param lastModified when the object was last written, or {@code null} if the provider did not say
 * @param etag the provider's entity tag without quotes, usable with {@code PutOptions.ifMatch}; or {@code null}
 * @param checksums checksums the provider stores, Base64 of the big-endian digest
 * @param metadata user metadata (lower-case names)
 * @param tags object tags, when the provider has them and they were fetched
 * @param contentDisposition the stored {@code Content-Disposition}, or {@code null}
 * @param cacheControl the stored {@code Cache-Control}, or {@code null}
 */
public record ObjectInfo(
        String disk,
        String key,
        long size,
        String contentType,
        Instant lastModified,
        String etag,
        Map<ChecksumAlgorithm, String> checksums,
        Map<String, String> metadata,
        Map<String, String> tags,
        String contentDisposition,
        String cacheControl) {

    /** The content type used when none is known. */
    public static final String OCTET_STREAM = "application/octet-stream";

    public ObjectInfo {
        Objects.requireNonNull(key, "key");
        contentType = contentType == null || contentType.isBlank() ? OCTET_STREAM : contentType;
        checksums = checksums == null || checksums.isEmpty() ? Map.of() : Map.copyOf(checksums);
        metadata = metadata == null || metadata.isEmpty() ? Map.of() : Map.copyOf(metadata);
        tags = tags == null || tags.isEmpty() ? Map.of() : Map.copyOf(tags);
    }

    /** A builder for drivers and layers. */
    public static Builder builder(String key) {
        return new Builder().key(key);
    }

    /** A builder starting from this value. */
    public Builder toBuilder() {
        return new Builder().disk(disk).key(key).size(size).contentType(contentType).lastModified(lastModified)
                .etag(etag).checksums(checksums).metadata(metadata).tags(tags)
                .contentDisposition(contentDisposition).cacheControl(cacheControl);
    }

    /** The same information under another key (used by prefixing and routing layers). */
    public ObjectInfo withKey(String newKey) {
        return new ObjectInfo(disk, newKey, size, contentType, lastModified, etag, checksums, metadata, tags,
                contentDisposition, cacheControl);
    }

    /** The same information on another disk name. */
    public ObjectInfo withDisk(String newDisk) {
        return new ObjectInfo(newDisk, key, size, contentType, lastModified, etag, checksums, metadata, tags,
                contentDisposition, cacheControl);
    }

    /** The checksum of the given kind, or {@code null}. */
    public String checksum(ChecksumAlgorithm algorithm) {
        return checksums.get(algorithm);
    }

    /** Mutable builder of {@link ObjectInfo}. */
    public static final class Builder {
        private String disk;
        private String key;
        private long size;
        private String contentType;
        private Instant lastModified;
        private String etag;
        private final Map<ChecksumAlgorithm, String> checksums = new EnumMap<>(ChecksumAlgorithm.class);
        private final Map<String, String> metadata = new TreeMap<>();
        private final Map<String, String> tags = new TreeMap<>();
        private String contentDisposition;
        private String cacheControl;

        private Builder() {
        }

        public Builder disk(String disk) {
            this.disk = disk;
            return this;
        }

        public Builder key(String key) {
            this.key = key;
            return this;
        }

        public Builder size(long size) {
            this.size = size;
            return this;
        }

        public Builder contentType(String contentType) {
            this.contentType = contentType;
            return this;
        }

        public Builder lastModified(Instant lastModified) {
            this.lastModified = lastModified;
            return this;
        }

        /** Sets the etag; surrounding quotes and a weak prefix are removed. */
        public Builder etag(String etag) {
            this.etag = ETags.unquote(etag);
            return this;
        }

        public Builder checksum(ChecksumAlgorithm algorithm, String base64) {
            if (base64 != null && !base64.isEmpty()) {
                checksums.put(algorithm, base64);
            }
            return this;
        }

        public Builder checksums(Map<ChecksumAlgorithm, String> values) {
            checksums.clear();
            if (values != null) {
                checksums.putAll(values);
            }
            return this;
        }

        public Builder metadata(Map<String, String> values) {
            metadata.clear();
            if (values != null) {
                metadata.putAll(values);
            }
            return this;
        }

        public Builder tags(Map<String, String> values) {
            tags.clear();
            if (values != null) {
                tags.putAll(values);
            }
            return this;
        }

        public Builder contentDisposition(String contentDisposition) {
            this.contentDisposition = contentDisposition;
            return this;
        }

        public Builder cacheControl(String cacheControl) {
            this.cacheControl = cacheControl;
            return this;
        }

        public ObjectInfo build() {
            return new ObjectInfo(disk, key, size, contentType, lastModified, etag, checksums, metadata, tags,
                    contentDisposition, cacheControl);
        }
    }
}
