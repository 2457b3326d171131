package dev.stowage;

/** One thing a driver may or may not be able to do; see {@link Capabilities}. */
public enum Capability {
    RANGE_READ("ranged reads"),
    METADATA("user metadata"),
    TAGS("object tags"),
    TAG_SEARCH("searching objects by tags"),
    CONDITIONAL_CREATE("create-only writes (If-None-Match: *)"),
    CONDITIONAL_UPDATE("compare-and-swap writes (If-Match: etag)"),
    SERVER_SIDE_COPY("server-side copy"),
    SIGNED_GET("signed download URLs"),
    SIGNED_PUT("signed upload URLs"),
    PUBLIC_URL("public URLs"),
    CHECKSUMS("stored checksums"),
    MULTIPART_UPLOAD("parallel multipart uploads"),
    BATCH_DELETE("batched deletes");

    private final String description;

    Capability(String description) {
        this.description = description;
    }

    /** Human wording used in {@link UnsupportedCapabilityException} messages. */
    public String description() {
        return description;
    }
}
