package dev.stowage.driver.memory;

import dev.stowage.Operation;
import dev.stowage.StorageException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the equality subset of Azure's blob-index tag query: {@code "a"='1' AND b = '2'}. */
final class TagQuery {
    private static final Pattern CONDITION = Pattern.compile("\\s*\"?([^\"=\\s]+)\"?\\s*=\\s*'([^']*)'\\s*");

    private TagQuery() {
    }

    static Map<String, String> parse(String disk, String query) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (String part : query.split("(?i)\\s+AND\\s+")) {
            Matcher m = CONDITION.matcher(part);
            if (!m.matches()) {
                throw new StorageException(disk, Operation.LIST, null,
                        "tag query condition must look like name = 'value': " + part, null);
            }
            wanted.put(m.group(1), m.group(2));
        }
        return wanted;
    }
}
