package dev.stowage;

/**
 * One page of a listing: keys under a prefix, optionally rolled up at {@code /} into common
 * prefixes ("folders"), at most {@code limit} entries, starting after a cursor.
 *
 * <p>Entries come in lexicographic order of the keys' UTF-8 bytes, on every driver. The cursor is
 * the {@link Page#nextCursor()} of the previous page.
 *
 * @param prefix only keys starting with this ({@code ""} for all)
 * @param delimiter {@code "/"} to roll keys up into common prefixes, or {@code null} for a flat listing
 * @param limit most entries (objects plus prefixes) in the page, 1 to 1000
 * @param after cursor from a previous page, or {@code null} to start at the beginning
 */
public record ListRequest(String prefix, String delimiter, int limit, String after) {

    /** The default and largest page size. */
    public static final int MAX_LIMIT = 1000;

    public ListRequest {
        prefix = prefix == null ? "" : prefix;
        if (delimiter != null && !delimiter.equals("/")) {
            throw new IllegalArgumentException("the only supported delimiter is \"/\", got \"" + delimiter + "\"");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ": " + limit);
        }
        if (after != null && after.isEmpty()) {
            after = null;
        }
    }

    /** Everything under {@code prefix}, flat, in pages of 1000. */
    public static ListRequest prefix(String prefix) {
        return new ListRequest(prefix, null, MAX_LIMIT, null);
    }

    /** Everything on the disk, flat. */
    public static ListRequest all() {
        return prefix("");
    }

    /** Roll up at {@code delimiter} (only {@code "/"}). */
    public ListRequest delimiter(String delimiter) {
        return new ListRequest(prefix, delimiter, limit, after);
    }

    /** Roll up at {@code /}: a folder view. */
    public ListRequest folders() {
        return delimiter("/");
    }

    public ListRequest limit(int limit) {
        return new ListRequest(prefix, delimiter, limit, after);
    }

    /** Start after this cursor. */
    public ListRequest after(String cursor) {
        return new ListRequest(prefix, delimiter, limit, cursor);
    }
}
