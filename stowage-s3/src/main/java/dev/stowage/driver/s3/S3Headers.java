package dev.stowage.driver.s3;

import dev.stowage.ChecksumAlgorithm;
import dev.stowage.ObjectInfo;
import dev.stowage.url.UrlEncoding;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Conversions between Stowage values and S3 headers: user metadata (non-ASCII values travel as
 * RFC 2047 encoded words, as S3 itself returns them), tag sets, and object info from responses.
 */
final class S3Headers {
    private static final String ENCODED_PREFIX = "=?UTF-8?B?";
    private static final String ENCODED_SUFFIX = "?=";

    private S3Headers() {
    }

    /** Metadata ready for {@code x-amz-meta-*} headers. */
    static Map<String, String> encodeMetadata(Map<String, String> metadata) {
        if (metadata.isEmpty()) {
            return metadata;
        }
        Map<String, String> out = new LinkedHashMap<>();
        metadata.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), needsEncoding(v)
                ? ENCODED_PREFIX + Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8)) + ENCODED_SUFFIX
                : v));
        return out;
    }

    /** Metadata as the user wrote it. */
    static Map<String, String> decodeMetadata(Map<String, String> metadata) {
        return decodeMetadata(metadata, false);
    }

    /**
     * Metadata as the user wrote it; with {@code restoreUnderscores}, '-' in names becomes '_' again
     * (RGW answers {@code x-amz-meta-a_b} as {@code x-amz-meta-a-b}; Stowage names never hold '-').
     */
    static Map<String, String> decodeMetadata(Map<String, String> metadata, boolean restoreUnderscores) {
        if (metadata == null || metadata.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        metadata.forEach((k, v) -> {
            String name = k.toLowerCase(Locale.ROOT);
            out.put(restoreUnderscores ? name.replace('-', '_') : name, decode(v));
        });
        return out;
    }

    private static boolean needsEncoding(String v) {
        if (v.startsWith(ENCODED_PREFIX) || !v.equals(v.strip())) {
            return true;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 0x20 || c >= 0x7f) {
                return true;
            }
        }
        return false;
    }

    private static String decode(String v) {
        if (v != null && v.startsWith(ENCODED_PREFIX) && v.endsWith(ENCODED_SUFFIX)
                && v.length() >= ENCODED_PREFIX.length() + ENCODED_SUFFIX.length()) {
            try {
                return new String(Base64.getDecoder().decode(
                        v.substring(ENCODED_PREFIX.length(), v.length() - ENCODED_SUFFIX.length())), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return v;
            }
        }
        return v;
    }

    /** Tags as the {@code x-amz-tagging} header value, or {@code null} for none. */
    static String tagging(Map<String, String> tags) {
        if (tags.isEmpty()) {
            return null;
        }
        StringJoiner j = new StringJoiner("&");
        tags.forEach((k, v) -> j.add(UrlEncoding.encodeQuery(k) + "=" + UrlEncoding.encodeQuery(v)));
        return j.toString();
    }

    /** {@code attachment} with the file name in both the plain and the RFC 5987 forms. */
    static String attachment(String fileName) {
        String ascii = fileName.replaceAll("[^\\x20-\\x7e]", "_").replace("\\", "_").replace("\"", "_");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + UrlEncoding.encodeQuery(fileName);
    }

    /** Adds the checksums S3 reported; composite (multipart) checksums, which contain '-', are skipped. */
    static void checksums(ObjectInfo.Builder b, String crc32c, String crc64, String sha256) {
        if (crc32c != null && !crc32c.contains("-")) {
            b.checksum(ChecksumAlgorithm.CRC32C, crc32c);
        }
        if (crc64 != null && !crc64.contains("-")) {
            b.checksum(ChecksumAlgorithm.CRC64, crc64);
        }
        if (sha256 != null && !sha256.contains("-")) {
            b.checksum(ChecksumAlgorithm.SHA256, sha256);
        }
    }

    static Instant now() {
        return Instant.now();
    }
}
