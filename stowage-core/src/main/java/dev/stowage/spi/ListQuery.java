package dev.stowage.spi;

/**
 * A listing request as drivers receive it.
 *
 * @param prefix keys starting with this ({@code ""} for all), already validated
 * @param delimiter {@code "/"} to roll up common prefixes, or {@code null}
 * @param startAfter return only entries strictly after this in UTF-8 byte order, or {@code null}.
 *     When it ends with the delimiter it is a common prefix returned earlier: every key under it
 *     is skipped too.
 * @param limit most entries (objects plus common prefixes), 1 to 1000
 */
public record ListQuery(String prefix, String delimiter, String startAfter, int limit) {

    public ListQuery {
        prefix = prefix == null ? "" : prefix;
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1");
        }
    }

    /** Whether {@code key} is after the cursor (and not under a prefix the cursor names). */
    public boolean isAfterCursor(String key) {
        if (startAfter == null) {
            return true;
        }
        if (delimiter != null && startAfter.endsWith(delimiter) && key.startsWith(startAfter)) {
            return false;
        }
        return KeyOrder.compare(key, startAfter) > 0;
    }
}
