package dev.stowage.spi;

import dev.stowage.Operation;
import dev.stowage.StorageException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tag query of {@code findByTags} for drivers that search tags themselves (memory, local):
 * the equality subset of Azure's blob-index syntax ({@code "team" = 'blue' AND env='prod'}), so the
 * same query works on Azure and on those disks.
 */
public final class TagQuery {
    private static final Pattern AND = Pattern.compile("(?i)\\s+AND\\s+");
    private static final Pattern CONDITION = Pattern.compile("\\s*\"?([^\"=\\s]+)\"?\\s*=\\s*'([^']*)'\\s*");

    private TagQuery() {
    }

    /** The wanted tags, or a failure naming the condition that does not parse. */
    public static Map<String, String> parse(String disk, String query) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (String part : AND.split(query)) {
            Matcher m = CONDITION.matcher(part);
            if (!m.matches()) {
                throw new StorageException(disk, Operation.LIST, null,
                        "tag query condition must look like name = 'value': " + part, null);
            }
            wanted.put(m.group(1), m.group(2));
        }
        return wanted;
    }

    /** Whether {@code tags} holds every wanted tag. */
    public static boolean matches(Map<String, String> tags, Map<String, String> wanted) {
        for (Map.Entry<String, String> w : wanted.entrySet()) {
            if (!w.getValue().equals(tags.get(w.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
