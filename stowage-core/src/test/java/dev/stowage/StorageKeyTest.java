package dev.stowage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StorageKeyTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "a/b/c.txt", "emoji 😀/日本語", "cafe\u0301", "...", "a..b", ".hidden", "..x", "x..",
            "a/.git/config", "%2e%2e/x", "\u2024\u2024/x", "\uFF0E\uFF0E/x", "a b/c+d", "q?#&=", "trailing.", "~user"})
    void ordinary_and_look_alike_keys_are_valid(String key) {
        assertThat(StorageKey.violation(key)).isNull();
        assertThat(StorageKey.isValid(key)).isTrue();
        assertThat(StorageKey.require("d", Operation.WRITE, key)).isSameAs(key);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "/abs            | must not start with '/'",
            "a/              | must not end with '/'",
            "a//b            | empty segment",
            "a/./b           | '.' segment",
            ".               | '.' segment",
            "a/..            | '..' segment",
            "../a            | '..' segment",
            "a\\b            | backslash"})
    void broken_keys_name_the_rule(String key, String rule) {
        assertThat(StorageKey.violation(key)).contains(rule);
        assertThatThrownBy(() -> StorageKey.require("disk-1", Operation.READ, key))
                .isInstanceOfSatisfying(InvalidKeyException.class, e -> {
                    assertThat(e.reason()).contains(rule);
                    assertThat(e.disk()).isEqualTo("disk-1");
                    assertThat(e.operation()).isEqualTo(Operation.READ);
                    assertThat(e.retryable()).isFalse();
                });
    }

    @Test
    void null_and_empty_keys_are_invalid() {
        assertThat(StorageKey.violation(null)).isEqualTo("key is null");
        assertThat(StorageKey.violation("")).isEqualTo("key is empty");
    }

    @Test
    void control_characters_nul_and_lone_surrogates_are_invalid() {
        assertThat(StorageKey.violation("a\0b")).contains("NUL");
        assertThat(StorageKey.violation("a\tb")).contains("control characters").contains("U+0009");
        assertThat(StorageKey.violation("a\u007fb")).contains("control characters");
        assertThat(StorageKey.violation("a\u009fb")).contains("control characters");
        assertThat(StorageKey.violation("a\uD83D")).contains("lone surrogate");
        assertThat(StorageKey.violation("\uDE00a")).contains("lone surrogate");
        assertThat(StorageKey.violation("\u00a0nbsp")).isNull();
    }

    @Test
    void the_length_limit_counts_utf8_bytes() {
        assertThat(StorageKey.violation("a".repeat(1024))).isNull();
        assertThat(StorageKey.violation("a".repeat(1025))).contains("longer than 1024 bytes");
        assertThat(StorageKey.violation("é".repeat(512))).isNull();
        assertThat(StorageKey.violation("é".repeat(512) + "a")).contains("longer than");
        assertThat(StorageKey.violation("😀".repeat(256))).isNull();
        assertThat(StorageKey.violation("😀".repeat(256) + "a")).contains("longer than");
        assertThat(StorageKey.violation("中".repeat(341) + "a")).isNull();
        assertThat(StorageKey.violation("中".repeat(341) + "ab")).contains("longer than");
    }

    @Test
    void prefixes_may_be_empty_and_end_with_a_slash() {
        assertThat(StorageKey.prefixViolation("")).isNull();
        assertThat(StorageKey.prefixViolation("a/")).isNull();
        assertThat(StorageKey.prefixViolation("a/b")).isNull();
        assertThat(StorageKey.prefixViolation("/")).contains("start with '/'");
        assertThat(StorageKey.prefixViolation("a//")).contains("empty segment");
        assertThat(StorageKey.prefixViolation("../")).contains("'..'");
        assertThat(StorageKey.prefixViolation(null)).isEqualTo("prefix is null");
        assertThatThrownBy(() -> StorageKey.requirePrefix("d", Operation.LIST, "a/../"))
                .isInstanceOfSatisfying(InvalidKeyException.class, e -> assertThat(e.reason()).contains("prefix"));
    }

    @Test
    void a_rejected_key_is_printed_safely() {
        assertThatThrownBy(() -> StorageKey.require("d", Operation.WRITE, "evil\nline\u0000" + "x".repeat(500)))
                .isInstanceOfSatisfying(InvalidKeyException.class, e -> {
                    assertThat(e.key()).doesNotContain("\n").doesNotContain("\0").contains("\\u000A");
                    assertThat(e.key().length()).isLessThan(260);
                    assertThat(e.getMessage()).doesNotContain("\n");
                });
    }

    @Test
    void parent_and_file_name_split_at_the_last_slash() {
        assertThat(StorageKey.parent("a/b/c.txt")).isEqualTo("a/b/");
        assertThat(StorageKey.parent("c.txt")).isEmpty();
        assertThat(StorageKey.fileName("a/b/c.txt")).isEqualTo("c.txt");
        assertThat(StorageKey.fileName("c.txt")).isEqualTo("c.txt");
    }
}
