package dev.stowage;

import java.util.Map;
import java.util.TreeMap;

/**
 * How to write an object: HTTP headers to store, user metadata, tags, a precondition, a progress
 * listener and a size limit. Immutable; build with {@link #builder()}.
 *
 * <p>When {@code contentType} is absent it is detected from the key's extension and, failing
 * that, from the first bytes of the content.
 *
 * @param contentType MIME type to store, or {@code null} to detect
 * @param contentDisposition {@code Content-Disposition} to store, or {@code null}
 * @param cacheControl {@code Cache-Control} to store, or {@code null}
 * @param metadata user metadata; names match {@code [a-z][a-z0-9_]*}, values are printable ASCII
 * @param tags object tags (at most 10)
 * @param ifNoneMatch write only if the key is absent ({@link ObjectAlreadyExistsException} otherwise)
 * @param ifMatch write only if the current etag equals this one ({@link PreconditionFailedException} otherwise)
 * @param progress told of bytes sent, or {@code null}
 * @param maxSize refuse content larger than this many bytes ({@link ContentTooLargeException}); {@code -1} for no limit
 */
public record PutOptions(
        String contentType,
        String contentDisposition,
        String cacheControl,
        Map<String, String> metadata,
        Map<String, String> tags,
        boolean ifNoneMatch,
        String ifMatch,
        ProgressListener progress,
        long maxSize) {

    /** No options: detect the content type, overwrite whatever is there. */
    public static final PutOptions DEFAULTS = builder().build();

    /** Largest total of metadata names and values, in bytes (S3's limit). */
    public static final int MAX_METADATA_BYTES = 2048;

    /** Most tags on one object (S3's and Azure's limit). */
    public static final int MAX_TAGS = 10;

    public PutOptions {
        metadata = metadata == null || metadata.isEmpty() ? Map.of() : Map.copyOf(metadata);
        tags = tags == null || tags.isEmpty() ? Map.of() : Map.copyOf(tags);
        ifMatch = ETags.unquote(ifMatch);
        if (ifNoneMatch && ifMatch != null) {
            throw new IllegalArgumentException("ifNoneMatch and ifMatch cannot be combined");
        }
        if (maxSize < -1) {
            throw new IllegalArgumentException("maxSize must be >= 0, or -1 for no limit: " + maxSize);
        }
        validateMetadata(metadata);
        validateTags(tags);
        requireHeaderValue("contentType", contentType);
        requireHeaderValue("contentDisposition", contentDisposition);
        requireHeaderValue("cacheControl", cacheControl);
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.contentType = contentType;
        b.contentDisposition = contentDisposition;
        b.cacheControl = cacheControl;
        b.metadata.putAll(metadata);
        b.tags.putAll(tags);
        b.ifNoneMatch = ifNoneMatch;
        b.ifMatch = ifMatch;
        b.progress = progress;
        b.maxSize = maxSize;
        return b;
    }

    /** The same options with another content type. */
    public PutOptions withContentType(String type) {
        return new PutOptions(type, contentDisposition, cacheControl, metadata, tags, ifNoneMatch, ifMatch, progress,
                maxSize);
    }

    private static void validateMetadata(Map<String, String> metadata) {
        int total = 0;
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            String name = e.getKey();
            if (!name.matches("[a-z][a-z0-9_]{0,127}")) {
                throw new IllegalArgumentException("metadata name '" + name
                        + "' must match [a-z][a-z0-9_]* and be at most 128 characters (portable across S3, GCS and Azure)");
            }
            String value = e.getValue();
            if (value == null) {
                throw new IllegalArgumentException("metadata '" + name + "' has a null value");
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c < 0x20 || c > 0x7e) {
                    throw new IllegalArgumentException("metadata '" + name
                            + "' must be printable ASCII (encode other text, e.g. with URLEncoder)");
                }
            }
            total += name.length() + value.length();
        }
        if (total > MAX_METADATA_BYTES) {
            throw new IllegalArgumentException("metadata totals " + total + " bytes; at most " + MAX_METADATA_BYTES
                    + " are portable");
        }
    }

    private static void validateTags(Map<String, String> tags) {
        if (tags.size() > MAX_TAGS) {
            throw new IllegalArgumentException("at most " + MAX_TAGS + " tags are allowed, got " + tags.size());
        }
        for (Map.Entry<String, String> e : tags.entrySet()) {
            if (!e.getKey().matches("[\\p{L}\\p{N} +\\-=._:/@]{1,128}")) {
                throw new IllegalArgumentException("tag name '" + e.getKey()
                        + "' must be 1-128 letters, digits, spaces or + - = . _ : / @");
            }
            if (e.getValue() == null || !e.getValue().matches("[\\p{L}\\p{N} +\\-=._:/@]{0,256}")) {
                throw new IllegalArgumentException("tag '" + e.getKey()
                        + "' value must be 0-256 letters, digits, spaces or + - = . _ : / @");
            }
        }
    }

    private static void requireHeaderValue(String what, String value) {
        if (value == null) {
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException(what + " must not contain control characters");
            }
        }
    }

    /** Builds {@link PutOptions}; fails fast on conflicting or invalid settings. */
    public static final class Builder {
        private String contentType;
        private String contentDisposition;
        private String cacheControl;
        private final Map<String, String> metadata = new TreeMap<>();
        private final Map<String, String> tags = new TreeMap<>();
        private boolean ifNoneMatch;
        private String ifMatch;
        private ProgressListener progress;
        private long maxSize = -1;

        private Builder() {
        }

        public Builder contentType(String contentType) {
            this.contentType = contentType;
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

        /** Replaces all user metadata. */
        public Builder metadata(Map<String, String> metadata) {
            this.metadata.clear();
            this.metadata.putAll(metadata);
            return this;
        }

        /** Adds one user metadata entry. */
        public Builder metadata(String name, String value) {
            this.metadata.put(name, value);
            return this;
        }

        /** Replaces all tags. */
        public Builder tags(Map<String, String> tags) {
            this.tags.clear();
            this.tags.putAll(tags);
            return this;
        }

        /** Adds one tag. */
        public Builder tag(String name, String value) {
            this.tags.put(name, value);
            return this;
        }

        /** Create only: fail with {@link ObjectAlreadyExistsException} if the key exists. */
        public Builder ifNoneMatch() {
            if (ifMatch != null) {
                throw new IllegalStateException("ifMatch is already set; ifNoneMatch cannot be combined with it");
            }
            this.ifNoneMatch = true;
            return this;
        }

        /** Replace only the version with this etag; {@link PreconditionFailedException} otherwise. */
        public Builder ifMatch(String etag) {
            if (ifNoneMatch) {
                throw new IllegalStateException("ifNoneMatch is already set; ifMatch cannot be combined with it");
            }
            if (etag == null || etag.isBlank()) {
                throw new IllegalArgumentException("ifMatch needs an etag");
            }
            this.ifMatch = etag;
            return this;
        }

        public Builder progress(ProgressListener progress) {
            this.progress = progress;
            return this;
        }

        /** Refuse content larger than {@code bytes}. */
        public Builder maxSize(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("maxSize must be >= 0: " + bytes);
            }
            this.maxSize = bytes;
            return this;
        }

        public PutOptions build() {
            return new PutOptions(contentType, contentDisposition, cacheControl, metadata, tags, ifNoneMatch, ifMatch,
                    progress, maxSize);
        }
    }
}
