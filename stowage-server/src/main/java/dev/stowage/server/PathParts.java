package dev.stowage.server;

import dev.stowage.url.UrlEncoding;
import java.util.ArrayList;
import java.util.List;

/** Splits a raw request path into decoded segments, keeping the rest of the path as one key. */
final class PathParts {
    private PathParts() {
    }

    /**
     * The first {@code fixed} decoded segments after {@code base}, then the decoded remainder (the
     * key, which may contain slashes) or {@code null} when absent.
     */
    static List<String> split(String rawPath, String base, int fixed) {
        String rest = rawPath.substring(base.length());
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < fixed; i++) {
            if (rest.isEmpty()) {
                parts.add(null);
                continue;
            }
            int slash = rest.indexOf('/');
            String segment = slash < 0 ? rest : rest.substring(0, slash);
            parts.add(UrlEncoding.decode(segment));
            rest = slash < 0 ? "" : rest.substring(slash + 1);
        }
        parts.add(rest.isEmpty() ? null : UrlEncoding.decode(rest));
        return parts;
    }
}
