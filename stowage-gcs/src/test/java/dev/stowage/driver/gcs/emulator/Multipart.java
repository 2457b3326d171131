package dev.stowage.driver.gcs.emulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Parses MIME multipart bodies ({@code multipart/related} uploads, {@code multipart/mixed}
 * batches) as RFC 2046 defines them: parts separated by {@code CRLF--boundary}, each with headers,
 * a blank line and a body.
 */
final class Multipart {

    /** One part: headers (lower-case names) and body bytes. */
    record Part(Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private Multipart() {
    }

    /** The boundary parameter of a multipart content type. */
    static String boundary(String contentType) {
        if (contentType == null) {
            throw ApiError.badRequest("Missing Content-Type for a multipart body");
        }
        for (String param : contentType.split(";")) {
            String p = param.strip();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String b = p.substring("boundary=".length());
                return b.startsWith("\"") && b.endsWith("\"") ? b.substring(1, b.length() - 1) : b;
            }
        }
        throw ApiError.badRequest("Missing boundary in " + contentType);
    }

    static List<Part> parse(byte[] body, String boundary) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
        List<Part> parts = new ArrayList<>();
        int pos = indexOf(body, delimiter, 0);
        if (pos < 0) {
            throw ApiError.badRequest("Multipart body without its boundary");
        }
        pos += delimiter.length;
        while (true) {
            if (pos + 1 < body.length && body[pos] == '-' && body[pos + 1] == '-') {
                return parts;
            }
            pos = skipLine(body, pos);
            int end = indexOf(body, next, pos);
            if (end < 0) {
                throw ApiError.badRequest("Multipart body not terminated");
            }
            parts.add(part(Arrays.copyOfRange(body, pos, end)));
            pos = end + next.length;
        }
    }

    private static Part part(byte[] bytes) {
        int split = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
        Map<String, String> headers = new TreeMap<>();
        if (bytes.length >= 2 && bytes[0] == '\r' && bytes[1] == '\n') {
            return new Part(headers, Arrays.copyOfRange(bytes, 2, bytes.length));
        }
        if (split < 0) {
            return new Part(headers, bytes);
        }
        for (String line : new String(bytes, 0, split, StandardCharsets.UTF_8).split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
            }
        }
        return new Part(headers, Arrays.copyOfRange(bytes, split + 4, bytes.length));
    }

    private static int skipLine(byte[] body, int pos) {
        while (pos < body.length && body[pos] != '\n') {
            pos++;
        }
        return pos + 1;
    }

    static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
