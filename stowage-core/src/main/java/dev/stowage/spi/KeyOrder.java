package dev.stowage.spi;

import java.util.Comparator;

/**
 * The order of keys in every listing: lexicographic by UTF-8 bytes, as S3, GCS and Azure list.
 * (Java's {@code String.compareTo} orders by UTF-16 units, which differs above U+FFFF.)
 */
public final class KeyOrder {

    /** Compares keys by their UTF-8 bytes. */
    public static final Comparator<String> COMPARATOR = KeyOrder::compare;

    private KeyOrder() {
    }

    /** Negative, zero or positive as {@code a} sorts before, with, or after {@code b}. */
    public static int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char ca = a.charAt(i);
            char cb = b.charAt(i);
            if (ca != cb) {
                // UTF-8 byte order equals code point order; UTF-16 order differs only when one
                // char is a surrogate and the other is in U+E000..U+FFFF.
                boolean sa = Character.isSurrogate(ca);
                boolean sb = Character.isSurrogate(cb);
                if (sa != sb) {
                    return sa ? 1 : -1;
                }
                return ca - cb;
            }
        }
        return a.length() - b.length();
    }
}
