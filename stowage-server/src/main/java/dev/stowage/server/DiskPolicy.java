package dev.stowage.server;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What uploads a disk accepts through the server: a size limit and allowed content types
 * (exact types, or {@code image/*} families). An empty type set allows every type.
 *
 * @param maxUploadSize largest accepted upload in bytes, or {@code -1} for no limit
 * @param allowedContentTypes allowed types; empty for all
 */
public record DiskPolicy(long maxUploadSize, Set<String> allowedContentTypes) {

    /** No limit, every type. */
    public static final DiskPolicy OPEN = new DiskPolicy(-1, Set.of());

    public DiskPolicy {
        if (maxUploadSize < -1) {
            throw new IllegalArgumentException("maxUploadSize must be >= 0, or -1 for no limit");
        }
        allowedContentTypes = allowedContentTypes.stream().map(t -> t.strip().toLowerCase(Locale.ROOT))
                .filter(t -> !t.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    /** Whether an upload of this content type (parameters ignored) is allowed. */
    public boolean allows(String contentType) {
        if (allowedContentTypes.isEmpty()) {
            return true;
        }
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        int slash = type.indexOf('/');
        return allowedContentTypes.contains(type)
                || (slash > 0 && allowedContentTypes.contains(type.substring(0, slash) + "/*"));
    }
}
