package dev.stowage.url;

import dev.stowage.SignedUrlOptions;
import dev.stowage.url.SignatureRejectedException.Rejection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies URLs that grant time-limited GET or PUT access to one object of a disk that
 * has no native presigning (memory, local). The URL is served by {@code stowage serve} or the
 * Spring Boot starter's endpoint at {@code {base}/files/{disk}/{key}}.
 *
 * <p>The signature is HMAC-SHA256 over a versioned canonical string of method, disk, key, expiry,
 * download name and content type, compared in constant time. The secret never leaves this object
 * and is not in {@link #toString()}.
 */
public final class UrlSigner {
    /** Query parameter names. */
    public static final String METHOD = "X-Stowage-Method";
    public static final String EXPIRES = "X-Stowage-Expires";
    public static final String FILENAME = "X-Stowage-Filename";
    public static final String CONTENT_TYPE = "X-Stowage-Content-Type";
    public static final String SIGNATURE = "X-Stowage-Signature";

    /** Shortest secret accepted, in bytes. */
    public static final int MIN_SECRET_BYTES = 16;

    private static final String VERSION = "stowage-v1";

    private final SecretKeySpec key;
    private final Clock clock;

    /** A signer with the given secret (at least 16 bytes) and the system clock. */
    public UrlSigner(byte[] secret) {
        this(secret, Clock.systemUTC());
    }

    /** A signer with the given secret and clock (for tests). */
    public UrlSigner(byte[] secret, Clock clock) {
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("a signing secret needs at least " + MIN_SECRET_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
        this.clock = Objects.requireNonNull(clock);
    }

    /** A signer whose secret is the UTF-8 bytes of {@code secret}. */
    public static UrlSigner ofSecret(String secret) {
        return new UrlSigner(secret.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The signed URL {@code {baseUrl}/files/{disk}/{key}?…} for {@code options}.
     *
     * @param baseUrl the server's base URL, e.g. {@code http://127.0.0.1:8080}
     */
    public URI sign(URI baseUrl, String disk, String objectKey, SignedUrlOptions options) {
        // rounded up to the next whole second: the URL is valid for at least the requested time
        java.time.Instant end = clock.instant().plus(options.expiresIn());
        long expires = end.getEpochSecond() + (end.getNano() > 0 ? 1 : 0);
        String signature = signature(options.method().name(), disk, objectKey, expires, options.downloadName(),
                options.contentType());
        String base = baseUrl.toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        StringBuilder url = new StringBuilder(base).append("/files/").append(UrlEncoding.encodeQuery(disk)).append('/')
                .append(UrlEncoding.encodePath(objectKey))
                .append('?').append(METHOD).append('=').append(options.method().name())
                .append('&').append(EXPIRES).append('=').append(expires);
        if (options.downloadName() != null) {
            url.append('&').append(FILENAME).append('=').append(UrlEncoding.encodeQuery(options.downloadName()));
        }
        if (options.contentType() != null) {
            url.append('&').append(CONTENT_TYPE).append('=').append(UrlEncoding.encodeQuery(options.contentType()));
        }
        url.append('&').append(SIGNATURE).append('=').append(signature);
        return URI.create(url.toString());
    }

    /**
     * Checks a request against its signature.
     *
     * @param requestMethod the HTTP method of the request ({@code HEAD} counts as {@code GET})
     * @param disk the disk from the request path
     * @param objectKey the decoded key from the request path
     * @param query the decoded query parameters
     * @return what the URL allows
     * @throws SignatureRejectedException with the reason if it does not verify
     */
    public SignedRequest verify(String requestMethod, String disk, String objectKey, Map<String, String> query)
            throws SignatureRejectedException {
        String method = required(query, METHOD);
        String expiresText = required(query, EXPIRES);
        String signature = required(query, SIGNATURE);
        SignedUrlOptions.Method signedMethod;
        long expires;
        try {
            signedMethod = SignedUrlOptions.Method.valueOf(method);
            expires = Long.parseLong(expiresText);
        } catch (IllegalArgumentException e) {
            throw new SignatureRejectedException(Rejection.MALFORMED, "malformed " + METHOD + " or " + EXPIRES);
        }
        String filename = query.get(FILENAME);
        String contentType = query.get(CONTENT_TYPE);
        byte[] expected = signature(method, disk, objectKey, expires, filename, contentType)
                .getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            throw new SignatureRejectedException(Rejection.BAD_SIGNATURE,
                    "the signature does not match this URL (was it changed, or signed with another secret?)");
        }
        Instant expiry = Instant.ofEpochSecond(expires);
        if (!clock.instant().isBefore(expiry)) {
            throw new SignatureRejectedException(Rejection.EXPIRED, "the URL expired at " + expiry);
        }
        String effective = "HEAD".equalsIgnoreCase(requestMethod) ? "GET" : requestMethod.toUpperCase(java.util.Locale.ROOT);
        if (!effective.equals(signedMethod.name())) {
            throw new SignatureRejectedException(Rejection.WRONG_METHOD,
                    "the URL is signed for " + signedMethod + ", not " + requestMethod);
        }
        return new SignedRequest(signedMethod, disk, objectKey, expiry, filename, contentType);
    }

    /** Parses a raw query string into decoded parameters (for servers without their own parser). */
    public static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            params.putIfAbsent(UrlEncoding.decode(k), UrlEncoding.decode(v));
        }
        return params;
    }

    private static String required(Map<String, String> query, String name) throws SignatureRejectedException {
        String v = query.get(name);
        if (v == null || v.isEmpty()) {
            throw new SignatureRejectedException(Rejection.MISSING_PARAMETER, "the URL has no " + name);
        }
        return v;
    }

    private String signature(String method, String disk, String objectKey, long expires, String filename,
            String contentType) {
        String canonical = String.join("\n", VERSION, method, disk, objectKey, Long.toString(expires),
                filename == null ? "" : "f:" + filename, contentType == null ? "" : "t:" + contentType);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "UrlSigner[HmacSHA256, secret=****]";
    }
}
