package dev.stowage;

/** Normalises entity tags: Stowage hands them out without quotes and accepts either form. */
public final class ETags {
    private ETags() {
    }

    /** {@code "abc"} or {@code W/"abc"} to {@code abc}; {@code null} stays {@code null}. */
    public static String unquote(String etag) {
        if (etag == null) {
            return null;
        }
        String e = etag.strip();
        if (e.startsWith("W/")) {
            e = e.substring(2);
        }
        if (e.length() >= 2 && e.charAt(0) == '"' && e.charAt(e.length() - 1) == '"') {
            e = e.substring(1, e.length() - 1);
        }
        return e;
    }

    /** {@code abc} to {@code "abc"} (as HTTP headers carry it). */
    public static String quote(String etag) {
        return '"' + unquote(etag) + '"';
    }
}
