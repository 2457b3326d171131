package dev.stowage.driver.routing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One routing rule: keys matching {@code glob} belong to disk {@code target}. Written
 * {@code temp/** -> local} in configuration.
 *
 * @param glob the key pattern
 * @param target the name of the disk that owns matching keys
 */
record RoutingRule(Glob glob, String target) {
    private static final Pattern SYNTAX = Pattern.compile("\\s*(\\S+)\\s*->\\s*([a-z0-9][a-z0-9_-]*)\\s*");

    static RoutingRule parse(String text) {
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("rule '" + text + "' is not of the form 'pattern -> disk' "
                    + "(e.g. 'temp/** -> local')");
        }
        return new RoutingRule(Glob.compile(m.group(1)), m.group(2));
    }

    @Override
    public String toString() {
        return glob.pattern() + " -> " + target;
    }
}
