package dev.stowage;

import java.time.Duration;

/**
 * What a signed URL allows: a download ({@link #get}) or an upload ({@link #put}), for how long, and
 * for downloads an optional file name the browser should save as.
 *
 * @param method {@code GET} or {@code PUT}
 * @param expiresIn validity, from 1 second to 7 days
 * @param downloadName for GET, the file name for {@code Content-Disposition: attachment}; or {@code null}
 * @param contentType for PUT, the content type the uploader must send; or {@code null}
 */
public record SignedUrlOptions(Method method, Duration expiresIn, String downloadName, String contentType) {

    /** The longest validity every provider accepts (S3 and GCS V4 signatures). */
    public static final Duration MAX_EXPIRY = Duration.ofDays(7);

    /** HTTP method a signed URL is good for. */
    public enum Method { GET, PUT }

    public SignedUrlOptions {
        if (method == null) {
            throw new IllegalArgumentException("method is required");
        }
        if (expiresIn == null || expiresIn.compareTo(Duration.ofSeconds(1)) < 0 || expiresIn.compareTo(MAX_EXPIRY) > 0) {
            throw new IllegalArgumentException("expiry must be between 1 second and 7 days: " + expiresIn);
        }
        if (downloadName != null && method != Method.GET) {
            throw new IllegalArgumentException("a download name only applies to GET URLs");
        }
        if (contentType != null && method != Method.PUT) {
            throw new IllegalArgumentException("a content type only applies to PUT URLs");
        }
        if (downloadName != null && (downloadName.isBlank() || downloadName.chars().anyMatch(c -> c < 0x20 || c == 0x7f))) {
            throw new IllegalArgumentException("download name must be non-blank and free of control characters");
        }
    }

    /** A download URL valid for {@code expiresIn}. */
    public static SignedUrlOptions get(Duration expiresIn) {
        return new SignedUrlOptions(Method.GET, expiresIn, null, null);
    }

    /** An upload URL valid for {@code expiresIn}. */
    public static SignedUrlOptions put(Duration expiresIn) {
        return new SignedUrlOptions(Method.PUT, expiresIn, null, null);
    }

    /** Ask the browser to save the download as {@code fileName}. */
    public SignedUrlOptions download(String fileName) {
        return new SignedUrlOptions(method, expiresIn, fileName, contentType);
    }

    /** Require uploads to carry this content type. */
    public SignedUrlOptions contentType(String type) {
        return new SignedUrlOptions(method, expiresIn, downloadName, type);
    }
}
