package dev.stowage.driver.local;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the local driver keeps next to an object's bytes: a {@link Record record} describing one
 * version of the data file by its etag. A reader uses the record whose etag equals the etag of the
 * data file it sees, so a sidecar can never describe the wrong bytes.
 *
 * <p>The format is a small UTF-8 line format with no dependency:
 *
 * <pre>
 * stowage-sidecar 1
 * key photos/cat.png
 * record
 * etag 18a1f…-400-9c3e
 * crc32c AAAAAA==
 * type image/png
 * disposition attachment;%20filename=cat.png
 * cache max-age=60
 * meta owner 42
 * tag team blue
 * end
 * </pre>
 *
 * Values escape {@code %}, space, CR and LF as {@code %XX}. A record that does not reach its
 * {@code end} line (a torn write) is ignored.
 *
 * @param key the object key (a check against hash collisions of the sidecar's file name)
 * @param records the records (the driver writes one per sidecar file)
 */
record Sidecar(String key, List<Record> records) {
    private static final String MAGIC = "stowage-sidecar 1";

    Sidecar {
        records = List.copyOf(records);
    }

    /**
     * One version's description.
     *
     * @param etag the etag of the data file this record describes
     * @param crc32c Base64 CRC32C of the bytes, or {@code null}
     * @param contentType the content type
     * @param contentDisposition the content disposition, or {@code null}
     * @param cacheControl the cache control, or {@code null}
     * @param metadata user metadata
     * @param tags tags
     */
    record Record(String etag, String crc32c, String contentType, String contentDisposition, String cacheControl,
            Map<String, String> metadata, Map<String, String> tags) {
        Record {
            metadata = metadata == null || metadata.isEmpty() ? Map.of() : Map.copyOf(metadata);
            tags = tags == null || tags.isEmpty() ? Map.of() : Map.copyOf(tags);
        }

        Record withEtag(String newEtag) {
            return new Record(newEtag, crc32c, contentType, contentDisposition, cacheControl, metadata, tags);
        }
    }

    /** The record describing the data file whose etag is {@code etag}, or {@code null}. */
    Record recordFor(String etag) {
        for (Record r : records) {
            if (r.etag().equals(etag)) {
                return r;
            }
        }
        return null;
    }

    byte[] encode() {
        StringBuilder b = new StringBuilder(256);
        b.append(MAGIC).append('\n');
        b.append("key ").append(escape(key)).append('\n');
        for (Record r : records) {
            b.append("record\n");
            line(b, "etag", r.etag());
            line(b, "crc32c", r.crc32c());
            line(b, "type", r.contentType());
            line(b, "disposition", r.contentDisposition());
            line(b, "cache", r.cacheControl());
            r.metadata().forEach((k, v) -> b.append("meta ").append(escape(k)).append(' ').append(escape(v))
                    .append('\n'));
            r.tags().forEach((k, v) -> b.append("tag ").append(escape(k)).append(' ').append(escape(v)).append('\n'));
            b.append("end\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder b, String name, String value) {
        if (value != null) {
            b.append(name).append(' ').append(escape(value)).append('\n');
        }
    }

    /**
     * Parses a sidecar; returns {@code null} if the bytes are not one (foreign or torn header).
     * Complete records before any damage are kept.
     */
    static Sidecar decode(byte[] bytes) {
        try {
            return parse(bytes);
        } catch (RuntimeException e) {
            return null; // damaged beyond the header (bad escape): treated as no sidecar
        }
    }

    private static Sidecar parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        if (lines.length < 2 || !lines[0].equals(MAGIC) || !lines[1].startsWith("key ")) {
            return null;
        }
        String key = unescape(lines[1].substring(4));
        List<Record> records = new ArrayList<>(2);
        Builder current = null;
        for (int i = 2; i < lines.length; i++) {
            String line = lines[i];
            if (line.equals("record")) {
                current = new Builder();
                continue;
            }
            if (current == null) {
                break;
            }
            if (line.equals("end")) {
                if (current.etag != null) {
                    records.add(current.build());
                }
                current = null;
                continue;
            }
            int space = line.indexOf(' ');
            if (space < 0) {
                break;
            }
            String name = line.substring(0, space);
            String value = line.substring(space + 1);
            switch (name) {
                case "etag" -> current.etag = unescape(value);
                case "crc32c" -> current.crc32c = unescape(value);
                case "type" -> current.type = unescape(value);
                case "disposition" -> current.disposition = unescape(value);
                case "cache" -> current.cache = unescape(value);
                case "meta", "tag" -> {
                    int sep = value.indexOf(' ');
                    if (sep < 0) {
                        return new Sidecar(key, records);
                    }
                    (name.equals("meta") ? current.metadata : current.tags)
                            .put(unescape(value.substring(0, sep)), unescape(value.substring(sep + 1)));
                }
                default -> {
                    // a field from a newer version: ignored
                }
            }
        }
        return new Sidecar(key, records);
    }

    private static final class Builder {
        String etag;
        String crc32c;
        String type;
        String disposition;
        String cache;
        final Map<String, String> metadata = new TreeMap<>();
        final Map<String, String> tags = new TreeMap<>();

        Record build() {
            return new Record(etag, crc32c, type, disposition, cache, metadata, tags);
        }
    }

    static String escape(String s) {
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '%' || c == ' ' || c == '\n' || c == '\r') {
                break;
            }
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 8).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '%' -> b.append("%25");
                case ' ' -> b.append("%20");
                case '\n' -> b.append("%0A");
                case '\r' -> b.append("%0D");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String unescape(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
