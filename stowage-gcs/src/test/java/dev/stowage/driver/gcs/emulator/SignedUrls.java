package dev.stowage.driver.gcs.emulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * XML-API style requests authorised by a V4 signed URL ({@code GET} and {@code PUT} of
 * {@code /{bucket}/{object}}), verified as
 * <a href="https://cloud.google.com/storage/docs/access-control/signing-urls-manually">signing URLs manually</a>
 * and <a href="https://cloud.google.com/storage/docs/authentication/canonical-requests">canonical requests</a>
 * describe: the canonical request (method, path, sorted RFC 3986-encoded query without
 * {@code X-Goog-Signature}, the signed headers, {@code UNSIGNED-PAYLOAD}) is hashed with SHA-256;
 * the string to sign {@code GOOG4-RSA-SHA256\n{date}\n{scope}\n{hash}} must carry a valid
 * RSA-SHA256 signature of a trusted service account's key. Expired URLs answer {@code 400
 * ExpiredToken}; bad signatures {@code 403 SignatureDoesNotMatch}, with XML error bodies.
 * {@code response-content-disposition} and {@code response-content-type} override the download's
 * headers.
 */
final class SignedUrls {
    private static final DateTimeFormatter GOOG_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final EmulatorStore store;
    private final Map<String, PublicKey> trusted = new ConcurrentHashMap<>();

    SignedUrls(EmulatorStore store) {
        this.store = store;
    }

    void trust(String email, PublicKey key) {
        trusted.put(email, key);
    }

    PublicKey key(String email) {
        return trusted.get(email);
    }

    static boolean isSigned(EmulatorRequest req) {
        return req.query.containsKey("X-Goog-Signature") || req.query.containsKey("X-Goog-Algorithm");
    }

    EmulatorResponse handle(EmulatorRequest req) {
        EmulatorResponse rejected = verify(req);
        if (rejected != null) {
            return rejected;
        }
        List<String> s = req.segments;
        if (s.size() < 2) {
            return xmlError(400, "InvalidArgument", "Invalid argument.");
        }
        String bucket = s.get(0);
        String name = String.join("/", s.subList(1, s.size()));
        try {
            return switch (req.method) {
                case "GET", "HEAD" -> {
                    EmulatedObject o = store.find(bucket, name);
                    if (o == null) {
                        yield xmlError(404, "NoSuchKey", "The specified key does not exist.");
                    }
                    EmulatorResponse r = JsonApi.media(req, o, req.param("response-content-disposition"),
                            req.param("response-content-type"));
                    if (req.method.equals("HEAD")) {
                        r.body = new byte[0];
                    }
                    yield r;
                }
                case "PUT" -> put(req, bucket, name);
                default -> xmlError(405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
            };
        } catch (ApiError e) {
            return switch (e.status()) {
                case 404 -> xmlError(404, "NoSuchBucket", "The specified bucket does not exist.");
                case 412 -> xmlError(412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold.");
                default -> xmlError(e.status(), "InvalidArgument", e.getMessage());
            };
        }
    }

    private EmulatorResponse put(EmulatorRequest req, String bucket, String name) {
        Map<String, String> metadata = new TreeMap<>();
        req.headers.forEach((k, v) -> {
            if (k.startsWith("x-goog-meta-")) {
                metadata.put(k.substring("x-goog-meta-".length()), v);
            }
        });
        EmulatedObject.WritableMetadata meta = new EmulatedObject.WritableMetadata(req.header("content-type"),
                req.header("content-disposition"), req.header("cache-control"), null, null, metadata);
        Uploads.verify(req.body, null, null, req.header("x-goog-hash"));
        String ifGen = req.header("x-goog-if-generation-match");
        Preconditions pre = new Preconditions(ifGen == null ? null : Long.parseLong(ifGen), null, null, null);
        byte[] data = req.body;
        EmulatedObject o = store.commit(bucket, name, pre,
                gen -> new EmulatedObject(bucket, name, gen, 1, data, meta, store.now(), store.now(), 0));
        EmulatorResponse r = new EmulatorResponse(200);
        r.header("ETag", "\"" + HexFormat.of().formatHex(java.util.Base64.getDecoder().decode(o.md5())) + "\"");
        r.header("x-goog-generation", Long.toString(o.generation()));
        r.header("x-goog-metageneration", "1");
        r.header("x-goog-hash", "crc32c=" + o.crc32c() + ",md5=" + o.md5());
        r.header("x-goog-stored-content-length", Long.toString(o.size()));
        return r;
    }

    /** Null when the request carries a valid, unexpired signature; else the error response. */
    private EmulatorResponse verify(EmulatorRequest req) {
        Map<String, String> q = req.query;
        String algorithm = q.get("X-Goog-Algorithm");
        String credential = q.get("X-Goog-Credential");
        String date = q.get("X-Goog-Date");
        String expires = q.get("X-Goog-Expires");
        String signedHeaders = q.get("X-Goog-SignedHeaders");
        String signature = q.get("X-Goog-Signature");
        if (!"GOOG4-RSA-SHA256".equals(algorithm) || credential == null || date == null || expires == null
                || signedHeaders == null || signature == null) {
            return xmlError(400, "AuthorizationQueryParametersError",
                    "Query-string authentication version 4 requires the X-Goog-Algorithm, X-Goog-Credential, "
                            + "X-Goog-Signature, X-Goog-Date, X-Goog-SignedHeaders and X-Goog-Expires parameters.");
        }
        Instant signedAt;
        long validity;
        try {
            signedAt = LocalDateTime.parse(date, GOOG_DATE).toInstant(ZoneOffset.UTC);
            validity = Long.parseLong(expires);
        } catch (RuntimeException e) {
            return xmlError(400, "AuthorizationQueryParametersError", "Invalid X-Goog-Date or X-Goog-Expires.");
        }
        if (validity < 1 || validity > 604800) {
            return xmlError(400, "AuthorizationQueryParametersError",
                    "Invalid argument: X-Goog-Expires must be between 1 and 604800 seconds.");
        }
        Instant now = store.now();
        if (now.isAfter(signedAt.plusSeconds(validity))) {
            return xmlError(400, "ExpiredToken", "Invalid argument.");
        }
        String[] scope = credential.split("/");
        if (scope.length != 5 || !scope[2].equals("auto") || !scope[3].equals("storage")
                || !scope[4].equals("goog4_request") || !date.startsWith(scope[1])) {
            return xmlError(400, "AuthorizationQueryParametersError", "Invalid credential scope: " + credential);
        }
        PublicKey key = trusted.get(scope[0]);
        if (key == null) {
            return xmlError(403, "AccessDenied", "Access denied: unknown service account.");
        }
        StringBuilder canonicalQuery = new StringBuilder();
        new TreeMap<>(encodeAll(q)).forEach((k, v) -> {
            if (!k.equals("X-Goog-Signature")) {
                canonicalQuery.append(canonicalQuery.isEmpty() ? "" : "&").append(k).append('=').append(v);
            }
        });
        StringBuilder canonicalHeaders = new StringBuilder();
        for (String h : signedHeaders.split(";")) {
            String value = req.header(h);
            if (value == null) {
                return xmlError(403, "SignatureDoesNotMatch", "A signed header (" + h + ") is missing from the request.");
            }
            canonicalHeaders.append(h.toLowerCase(Locale.ROOT)).append(':')
                    .append(value.strip().replaceAll("\\s+", " ")).append('\n');
        }
        String payload = req.header("x-goog-content-sha256") != null && signedHeaders.contains("x-goog-content-sha256")
                ? req.header("x-goog-content-sha256") : "UNSIGNED-PAYLOAD";
        String canonicalRequest = req.method + "\n" + req.rawPath + "\n" + canonicalQuery + "\n" + canonicalHeaders
                + "\n" + signedHeaders + "\n" + payload;
        String stringToSign = "GOOG4-RSA-SHA256\n" + date + "\n" + scope[1] + "/auto/storage/goog4_request\n"
                + sha256Hex(canonicalRequest);
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update(stringToSign.getBytes(StandardCharsets.UTF_8));
            if (verifier.verify(HexFormat.of().parseHex(signature))) {
                return null;
            }
        } catch (Exception e) {
            // falls through to the rejection below
        }
        return xmlError(403, "SignatureDoesNotMatch",
                "The request signature we calculated does not match the signature you provided.");
    }

    private static Map<String, String> encodeAll(Map<String, String> q) {
        Map<String, String> out = new TreeMap<>();
        q.forEach((k, v) -> out.put(rfc3986(k), rfc3986(v)));
        return out;
    }

    /** Percent-encodes everything but the unreserved characters of RFC 3986. */
    static String rfc3986(String s) {
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (x & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                b.append(c);
            } else {
                b.append('%').append(String.format("%02X", x & 0xff));
            }
        }
        return b.toString();
    }

    static String sha256Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static EmulatorResponse xmlError(int status, String code, String message) {
        return EmulatorResponse.text(status, "application/xml; charset=UTF-8",
                "<?xml version='1.0' encoding='UTF-8'?><Error><Code>" + code + "</Code><Message>" + message
                        + "</Message></Error>");
    }
}
