package dev.stowage.spi;

import dev.stowage.PutOptions;
import java.util.Map;

/**
 * What a driver stores along with the bytes of a write, already validated by the front end.
 *
 * @param contentType MIME type to store, never {@code null} (detected when the user gave none)
 * @param contentDisposition {@code Content-Disposition}, or {@code null}
 * @param cacheControl {@code Cache-Control}, or {@code null}
 * @param metadata user metadata
 * @param tags object tags (only when the driver has {@code TAGS})
 * @param ifNoneMatch write only if the key is absent
 * @param ifMatch write only if the current etag is this (unquoted), or {@code null}
 */
public record WriteOptions(
        String contentType,
        String contentDisposition,
        String cacheControl,
        Map<String, String> metadata,
        Map<String, String> tags,
        boolean ifNoneMatch,
        String ifMatch) {

    public WriteOptions {
        metadata = metadata == null || metadata.isEmpty() ? Map.of() : Map.copyOf(metadata);
        tags = tags == null || tags.isEmpty() ? Map.of() : Map.copyOf(tags);
    }

    /** Plain options with only a content type. */
    public static WriteOptions of(String contentType) {
        return new WriteOptions(contentType, null, null, Map.of(), Map.of(), false, null);
    }

    /** The driver's view of user options, with the resolved content type. */
    public static WriteOptions from(PutOptions options, String contentType) {
        return new WriteOptions(contentType, options.contentDisposition(), options.cacheControl(), options.metadata(),
                options.tags(), options.ifNoneMatch(), options.ifMatch());
    }

    /** Whether the write carries a precondition. */
    public boolean conditional() {
        return ifNoneMatch || ifMatch != null;
    }
}
