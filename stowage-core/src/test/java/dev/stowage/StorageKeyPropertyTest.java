package dev.stowage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Key validation accepts exactly the valid keys: keys generated from the grammar of valid keys
 * are accepted, every hostile mutation of one is refused with the rule it breaks, and on
 * arbitrary strings {@link StorageKey} agrees with an independent oracle.
 */
class StorageKeyPropertyTest {

    /** Characters a segment may hold, biased towards the ones that trip encoders and file systems. */
    private static final String SEGMENT_CHARS = "abcXYZ019-_.~ +%#?&=;:@$!*'\"()[]{},^|<>`"
            + "éüßçñ\u00a0\u0301\u0308中文日本語한국어עברית\u2024\uFF0E\uFEFF\u200B\u202E";
    private static final List<String> SUPPLEMENTARY = List.of("😀", "🎉", "𝄞", "\uD840\uDC00", "\uDBFF\uDFFF");

    @Provide
    Arbitrary<String> segments() {
        Arbitrary<String> bmp = Arbitraries.strings().withChars(SEGMENT_CHARS).ofMinLength(1).ofMaxLength(24);
        Arbitrary<String> withSupplementary = Combinators.combine(bmp, Arbitraries.of(SUPPLEMENTARY), bmp)
                .as((a, s, b) -> a + s + b);
        return Arbitraries.oneOf(bmp, bmp, withSupplementary).filter(s -> !s.equals(".") && !s.equals(".."));
    }

    @Provide
    Arbitrary<String> validKeys() {
        return segments().list().ofMinSize(1).ofMaxSize(8).map(list -> String.join("/", list))
                .filter(k -> k.getBytes(StandardCharsets.UTF_8).length <= StorageKey.MAX_BYTES);
    }

    @Property(tries = 2000)
    void every_key_built_from_the_grammar_is_accepted(@ForAll("validKeys") String key) {
        assertThat(StorageKey.violation(key)).isNull();
        assertThat(StorageKey.prefixViolation(key)).isNull();
        assertThat(StorageKey.prefixViolation(key + "/")).isNull();
    }

    /** How to break a valid key, and the words the rule it breaks must contain. */
    enum Mutation {
        DOT_DOT_SEGMENT("'..' segment"),
        DOT_SEGMENT("'.' segment"),
        LEADING_SLASH("start with '/'"),
        TRAILING_SLASH("end with '/'"),
        EMPTY_SEGMENT("empty segment"),
        BACKSLASH("backslash"),
        NUL("NUL"),
        CONTROL("control characters"),
        LONE_SURROGATE("lone surrogate"),
        TOO_LONG("longer than 1024 bytes");

        final String rule;

        Mutation(String rule) {
            this.rule = rule;
        }
    }

    @Provide
    Arbitrary<Tuple.Tuple3<String, Mutation, Integer>> mutations() {
        return Combinators.combine(validKeys(), Arbitraries.of(Mutation.class), Arbitraries.integers().between(0, 10_000))
                .as(Tuple::of);
    }

    @Property(tries = 3000)
    void every_hostile_mutation_of_a_valid_key_is_refused_with_its_rule(
            @ForAll("mutations") Tuple.Tuple3<String, Mutation, Integer> case_) {
        String key = case_.get1();
        Mutation mutation = case_.get2();
        String hostile = mutate(key, mutation, case_.get3());
        String violation = StorageKey.violation(hostile);
        assertThat(violation).as("%s of %s gives %s", mutation, key, hostile).isNotNull().contains(mutation.rule);
    }

    private static String mutate(String key, Mutation mutation, int seed) {
        List<Integer> boundaries = segmentBoundaries(key);
        int boundary = boundaries.get(seed % boundaries.size());
        int inside = charBoundary(key, seed);
        return switch (mutation) {
            case DOT_DOT_SEGMENT -> insertSegment(key, boundary, "..");
            case DOT_SEGMENT -> insertSegment(key, boundary, ".");
            case LEADING_SLASH -> "/" + key;
            case TRAILING_SLASH -> key + "/";
            case EMPTY_SEGMENT -> doubleASlash(key, seed);
            case BACKSLASH -> key.substring(0, inside) + "\\" + key.substring(inside);
            case NUL -> key.substring(0, inside) + "\0" + key.substring(inside);
            case CONTROL -> key.substring(0, inside) + controlChar(seed) + key.substring(inside);
            case LONE_SURROGATE -> key.substring(0, inside) + (seed % 2 == 0 ? "\uD83D" : "\uDE00")
                    + (seed % 2 == 0 ? "a" : "") + key.substring(inside);
            case TOO_LONG -> key + "/" + "x".repeat(StorageKey.MAX_BYTES);
        };
    }

    /** {@code a/b} to {@code a//b}; a key without {@code /} gets a leading {@code x//}. */
    private static String doubleASlash(String key, int seed) {
        List<Integer> slashes = segmentBoundaries(key).subList(1, segmentBoundaries(key).size() - 1);
        if (slashes.isEmpty()) {
            return "x//" + key;
        }
        int at = slashes.get(seed % slashes.size());
        return key.substring(0, at) + "/" + key.substring(at);
    }

    /** Offsets where a segment starts or ends ({@code 0}, after each {@code /} and the end). */
    private static List<Integer> segmentBoundaries(String key) {
        java.util.ArrayList<Integer> b = new java.util.ArrayList<>();
        b.add(0);
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) == '/') {
                b.add(i);
            }
        }
        b.add(key.length());
        return b;
    }

    private static String insertSegment(String key, int boundary, String segment) {
        if (boundary == 0) {
            return segment + "/" + key;
        }
        if (boundary == key.length()) {
            return key + "/" + segment;
        }
        return key.substring(0, boundary) + "/" + segment + key.substring(boundary);
    }

    /** An offset that does not split a surrogate pair. */
    private static int charBoundary(String key, int seed) {
        int i = seed % (key.length() + 1);
        if (i > 0 && i < key.length() && Character.isLowSurrogate(key.charAt(i))) {
            i--;
        }
        return i;
    }

    private static char controlChar(int seed) {
        String controls = "\u0001\u0007\t\n\r\u001b\u001f\u007f\u0080\u0085\u009b\u009f";
        return controls.charAt(seed % controls.length());
    }

    @Provide
    Arbitrary<String> anyStrings() {
        Arbitrary<Character> hostile = Arbitraries.of('/', '/', '.', '.', '.', '\\', '\0', '\n', '\u007f', '\u0085', '\uD83D',
                '\uDE00', 'a', 'b', 'é', '中', ' ');
        return Arbitraries.oneOf(
                hostile.list().ofMaxSize(12).map(StorageKeyPropertyTest::join),
                Arbitraries.strings().all().ofMaxLength(12),
                Arbitraries.strings().withChars("./a").ofMaxLength(10));
    }

    private static String join(List<Character> chars) {
        StringBuilder b = new StringBuilder();
        chars.forEach(b::append);
        return b.toString();
    }

    @Property(tries = 5000)
    void validation_agrees_with_an_independent_oracle_on_arbitrary_strings(@ForAll("anyStrings") String key) {
        assertThat(StorageKey.isValid(key)).as("key %s", escape(key)).isEqualTo(oracle(key));
    }

    /** The key rules written a second, deliberately different way. */
    private static boolean oracle(String key) {
        if (key.isEmpty()) {
            return false;
        }
        int i = 0;
        while (i < key.length()) {
            int cp = key.codePointAt(i);
            if (cp >= 0xD800 && cp <= 0xDFFF) {
                return false;
            }
            if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == '\\') {
                return false;
            }
            i += Character.charCount(cp);
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return key.getBytes(StandardCharsets.UTF_8).length <= 1024;
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        s.chars().forEach(c -> b.append(c < 0x20 || c > 0x7e ? String.format("\\u%04X", c) : String.valueOf((char) c)));
        return b.toString();
    }
}
