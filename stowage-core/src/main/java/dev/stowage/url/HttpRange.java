package dev.stowage.url;

import dev.stowage.ByteRange;

/**
 * Parses an HTTP {@code Range} request header (RFC 9110 §14) for one object of known size, for
 * every Stowage component that serves objects over HTTP (the server, the Spring Boot endpoint).
 * Only single byte ranges are honoured; anything else (several ranges, other units, bad syntax)
 * is ignored so the whole object is sent, as the RFC allows.
 */
public final class HttpRange {

    /** What to send. */
    public sealed interface Outcome permits Whole, Partial, Unsatisfiable {
    }

    /** Send the whole object (no usable Range). */
    public record Whole() implements Outcome {
    }

    /** Send bytes {@code first..last} (inclusive) with 206. */
    public record Partial(long first, long last) implements Outcome {
        /** The range to read. */
        public ByteRange range() {
            return ByteRange.of(first, last);
        }

        /** Bytes to send. */
        public long length() {
            return last - first + 1;
        }
    }

    /** Send 416 with {@code Content-Range: bytes *}{@code /size}. */
    public record Unsatisfiable() implements Outcome {
    }

    private HttpRange() {
    }

    /** What to send for {@code header} (may be {@code null}) on an object of {@code size} bytes. */
    public static Outcome parse(String header, long size) {
        if (header == null) {
            return new Whole();
        }
        String h = header.strip();
        if (!h.regionMatches(true, 0, "bytes=", 0, 6)) {
            return new Whole();
        }
        String spec = h.substring(6).strip();
        if (spec.isEmpty() || spec.indexOf(',') >= 0) {
            return new Whole();
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return new Whole();
        }
        String a = spec.substring(0, dash).strip();
        String b = spec.substring(dash + 1).strip();
        {
            if (a.isEmpty()) {
                if (b.isEmpty() || !digits(b)) {
                    return new Whole();
                }
                long suffix = parse(b);
                if (suffix == 0 || size == 0) {
                    return new Unsatisfiable();
                }
                long first = Math.max(0, size - suffix);
                return new Partial(first, size - 1);
            }
            if (!digits(a) || (!b.isEmpty() && !digits(b))) {
                return new Whole();
            }
            long first = parse(a);
            long last = b.isEmpty() ? Long.MAX_VALUE : parse(b);
            if (last < first) {
                return new Whole();
            }
            if (first >= size) {
                return new Unsatisfiable();
            }
            return new Partial(first, Math.min(last, size - 1));
        }
    }

    private static boolean digits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return !s.isEmpty();
    }

    /** Digits to a long, saturating at {@code Long.MAX_VALUE} instead of overflowing. */
    private static long parse(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            int d = s.charAt(i) - '0';
            if (n > (Long.MAX_VALUE - d) / 10) {
                return Long.MAX_VALUE;
            }
            n = n * 10 + d;
        }
        return n;
    }
}
