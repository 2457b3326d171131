package dev.stowage.config;

import java.util.List;
import java.util.Map;

/**
 * Expands {@code ${NAME}} and {@code ${NAME:-default}} in setting values from the environment;
 * {@code $${} stands for a literal {@code ${}. A reference to a variable that is not set and has
 * no default is reported as a problem naming the variable, never its surroundings (values may be
 * secrets).
 */
final class Placeholders {

    private Placeholders() {
    }

    static String expand(String value, Map<String, String> env, String setting, List<String> problems) {
        if (value == null || !value.contains("${")) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        while (i < value.length()) {
            if (value.startsWith("$${", i)) {
                out.append("${");
                i += 3;
                continue;
            }
            if (value.startsWith("${", i)) {
                int end = value.indexOf('}', i + 2);
                if (end < 0) {
                    problems.add("setting '" + setting + "' has an unclosed ${ reference");
                    return value;
                }
                String ref = value.substring(i + 2, end);
                int sep = ref.indexOf(":-");
                String name = sep < 0 ? ref : ref.substring(0, sep);
                String fallback = sep < 0 ? null : ref.substring(sep + 2);
                String v = env.get(name.strip());
                if (v == null || (v.isEmpty() && fallback != null)) {
                    if (fallback == null) {
                        problems.add("setting '" + setting + "' refers to the environment variable ${" + name
                                + "}, which is not set (give a default with ${" + name + ":-value})");
                        v = "";
                    } else {
                        v = fallback;
                    }
                }
                out.append(v);
                i = end + 1;
                continue;
            }
            out.append(value.charAt(i++));
        }
        return out.toString();
    }
}
