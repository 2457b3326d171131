package dev.stowage;

import java.util.List;

/**
 * One page of a listing, in key order.
 *
 * @param objects the objects in this page
 * @param prefixes the common prefixes in this page (each ends with the delimiter), when a delimiter was given
 * @param nextCursor pass to {@link ListRequest#after(String)} for the next page; {@code null} when this is the last
 */
public record Page(List<ObjectInfo> objects, List<String> prefixes, String nextCursor) {

    public Page {
        objects = List.copyOf(objects);
        prefixes = List.copyOf(prefixes);
    }

    /** An empty, final page. */
    public static Page empty() {
        return new Page(List.of(), List.of(), null);
    }

    /** Whether another page follows. */
    public boolean hasMore() {
        return nextCursor != null;
    }
}
