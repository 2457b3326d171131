package dev.stowage;

import java.nio.charset.StandardCharsets;

/**
 * The one place where the rules for keys and prefixes live. A key is a {@code /}-separated path:
 *
 * <ul>
 *   <li>not empty, at most {@value #MAX_BYTES} bytes of UTF-8 (well-formed: no lone surrogates);
 *   <li>no leading {@code /}, no trailing {@code /}, no empty segment ({@code a//b});
 *   <li>no {@code .} or {@code ..} segment;
 *   <li>no backslash, no NUL, no control character (U+0000-U+001F, U+007F-U+009F).
 * </ul>
 *
 * A prefix follows the same rules except that it may be empty and may end with {@code /}.
 * Keys are never rewritten: what passes is stored byte for byte, so the same key means the same
 * object on every provider.
 */
public final class StorageKey {

    /** Longest key, in UTF-8 bytes (the S3 and GCS limit). */
    public static final int MAX_BYTES = 1024;

    private StorageKey() {
    }

    /** The rule {@code key} breaks, or {@code null} if it is a valid key. */
    public static String violation(String key) {
        if (key == null) {
            return "key is null";
        }
        if (key.isEmpty()) {
            return "key is empty";
        }
        if (key.endsWith("/")) {
            return "key must not end with '/'";
        }
        return pathViolation(key);
    }

    /** The rule {@code prefix} breaks, or {@code null} if it is a valid prefix. */
    public static String prefixViolation(String prefix) {
        if (prefix == null) {
            return "prefix is null";
        }
        if (prefix.isEmpty()) {
            return null;
        }
        String body = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        if (body.isEmpty()) {
            return "prefix must not start with '/'";
        }
        return pathViolation(body);
    }

    /** Whether {@code key} is a valid key. */
    public static boolean isValid(String key) {
        return violation(key) == null;
    }

    /**
     * Returns {@code key} if valid, otherwise throws {@link InvalidKeyException} naming the rule,
     * the disk and the operation.
     */
    public static String require(String disk, Operation operation, String key) {
        String violation = violation(key);
        if (violation != null) {
            throw new InvalidKeyException(disk, operation, printable(key), violation);
        }
        return key;
    }

    /** Returns {@code prefix} if valid, otherwise throws {@link InvalidKeyException}. */
    public static String requirePrefix(String disk, Operation operation, String prefix) {
        String violation = prefixViolation(prefix);
        if (violation != null) {
            throw new InvalidKeyException(disk, operation, printable(prefix), violation.replace("key", "prefix"));
        }
        return prefix;
    }

    /** The parent prefix of a key ({@code a/b/c} → {@code a/b/}), or {@code ""} at the top. */
    public static String parent(String key) {
        int slash = key.lastIndexOf('/');
        return slash < 0 ? "" : key.substring(0, slash + 1);
    }

    /** The last segment of a key ({@code a/b/c.txt} → {@code c.txt}). */
    public static String fileName(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    private static String pathViolation(String path) {
        if (path.startsWith("/")) {
            return "key must not start with '/' (keys are relative to the disk)";
        }
        int segmentStart = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == 0) {
                return "key must not contain NUL";
            }
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                return "key must not contain control characters (found U+" + String.format("%04X", (int) c) + ")";
            }
            if (c == '\\') {
                return "key must not contain a backslash";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= path.length() || !Character.isLowSurrogate(path.charAt(i + 1))) {
                    return "key must be well-formed Unicode (lone surrogate)";
                }
                i++;
                continue;
            }
            if (Character.isLowSurrogate(c)) {
                return "key must be well-formed Unicode (lone surrogate)";
            }
            if (c == '/') {
                String v = segmentViolation(path, segmentStart, i);
                if (v != null) {
                    return v;
                }
                segmentStart = i + 1;
            }
        }
        String v = segmentViolation(path, segmentStart, path.length());
        if (v != null) {
            return v;
        }
        if (utf8Length(path) > MAX_BYTES) {
            return "key is longer than " + MAX_BYTES + " bytes of UTF-8";
        }
        return null;
    }

    private static String segmentViolation(String path, int from, int to) {
        int len = to - from;
        if (len == 0) {
            return "key must not contain an empty segment ('//')";
        }
        if (len == 1 && path.charAt(from) == '.') {
            return "key must not contain a '.' segment";
        }
        if (len == 2 && path.charAt(from) == '.' && path.charAt(from + 1) == '.') {
            return "key must not contain a '..' segment";
        }
        return null;
    }

    private static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /** A form of a rejected key that is safe to print: control characters escaped, length capped. */
    static String printable(String key) {
        if (key == null) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < key.length() && b.length() < 200; i++) {
            char c = key.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || Character.isSurrogate(c)) {
                b.append(String.format("\\u%04X", (int) c));
            } else {
                b.append(c);
            }
        }
        if (b.length() >= 200) {
            b.append("... (").append(key.getBytes(StandardCharsets.UTF_8).length).append(" bytes)");
        }
        return b.toString();
    }
}
