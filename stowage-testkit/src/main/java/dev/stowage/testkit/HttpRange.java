package dev.stowage.testkit;

import dev.stowage.ByteRange;

/**
 * One HTTP byte range as {@link SignedUrlServer} understands it: {@code bytes=a-b},
 * {@code bytes=a-} or {@code bytes=-n}. Multiple ranges and malformed headers are ignored (the
 * whole object is served), as RFC 9110 allows.
 */
record HttpRange(long first, long last, long suffix) {

    /** The range in a {@code Range} header, or {@code null} to serve the whole object. */
    static HttpRange parse(String header) {
        if (header == null) {
            return null;
        }
        String h = header.strip();
        if (!h.regionMatches(true, 0, "bytes=", 0, 6) || h.indexOf(',') >= 0) {
            return null;
        }
        String spec = h.substring(6).strip();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String a = spec.substring(0, dash).strip();
            String b = spec.substring(dash + 1).strip();
            if (a.isEmpty()) {
                return b.isEmpty() ? null : new HttpRange(-1, -1, parseDigits(b));
            }
            long first = parseDigits(a);
            long last = b.isEmpty() ? -1 : parseDigits(b);
            if (last != -1 && last < first) {
                return null;
            }
            return new HttpRange(first, last, -1);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static long parseDigits(String s) {
        if (s.isEmpty() || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new NumberFormatException(s);
        }
        return Long.parseLong(s);
    }

    /** Whether any byte of an object of {@code size} bytes is in the range (RFC 9110 §14.1.2). */
    boolean satisfiable(long size) {
        if (suffix >= 0) {
            return suffix > 0 && size > 0;
        }
        return first < size;
    }

    ByteRange toByteRange() {
        if (suffix >= 0) {
            return ByteRange.suffix(suffix);
        }
        return last == -1 ? ByteRange.from(first) : ByteRange.of(first, last);
    }
}
