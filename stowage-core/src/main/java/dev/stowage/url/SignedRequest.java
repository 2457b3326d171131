package dev.stowage.url;

import dev.stowage.SignedUrlOptions;
import java.time.Instant;

/**
 * What a verified signed URL allows.
 *
 * @param method the HTTP method it is good for
 * @param disk the disk
 * @param key the object key
 * @param expires when it stops being valid
 * @param downloadName for GET, the file name to offer in {@code Content-Disposition}; or {@code null}
 * @param contentType for PUT, the content type the upload must carry; or {@code null}
 */
public record SignedRequest(SignedUrlOptions.Method method, String disk, String key, Instant expires,
        String downloadName, String contentType) {
}
