package dev.stowage.driver.routing;

import java.util.regex.Pattern;

/**
 * A key pattern: {@code **} matches anything (slashes included, and {@code **}{@code /} also
 * matches nothing), {@code *} anything within one segment, {@code ?} one character of a segment,
 * {@code {a,b}} either alternative. Everything else matches itself.
 */
record Glob(String pattern, Pattern regex, String literalPrefix) {

    static Glob compile(String pattern) {
        StringBuilder re = new StringBuilder();
        int depth = 0;
        int firstWildcard = -1;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            switch (c) {
                case '*' -> {
                    firstWildcard = firstWildcard < 0 ? i : firstWildcard;
                    if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                        if (i + 2 < pattern.length() && pattern.charAt(i + 2) == '/') {
                            re.append("(?:.*/)?");
                            i += 2;
                        } else {
                            re.append(".*");
                            i += 1;
                        }
                    } else {
                        re.append("[^/]*");
                    }
                }
                case '?' -> {
                    firstWildcard = firstWildcard < 0 ? i : firstWildcard;
                    re.append("[^/]");
                }
                case '{' -> {
                    firstWildcard = firstWildcard < 0 ? i : firstWildcard;
                    depth++;
                    re.append("(?:");
                }
                case '}' -> {
                    if (depth == 0) {
                        throw new IllegalArgumentException("unbalanced '}' in pattern '" + pattern + "'");
                    }
                    depth--;
                    re.append(')');
                }
                case ',' -> re.append(depth > 0 ? "|" : ",");
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (depth != 0) {
            throw new IllegalArgumentException("unbalanced '{' in pattern '" + pattern + "'");
        }
        String literal = firstWildcard < 0 ? pattern : pattern.substring(0, firstWildcard);
        return new Glob(pattern, Pattern.compile(re.toString(), Pattern.DOTALL), literal);
    }

    boolean matches(String key) {
        return regex.matcher(key).matches();
    }

    /** Whether some key starting with {@code prefix} could match (cheap, may say yes wrongly, never no wrongly). */
    boolean mayMatchUnder(String prefix) {
        return literalPrefix.startsWith(prefix) || prefix.startsWith(literalPrefix);
    }

    boolean matchesEverything() {
        return pattern.equals("**");
    }
}
