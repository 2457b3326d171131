package dev.stowage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PutOptionsTest {

    @Test
    void defaults_detect_the_type_and_overwrite_without_limit() {
        PutOptions d = PutOptions.DEFAULTS;
        assertThat(d.contentType()).isNull();
        assertThat(d.ifNoneMatch()).isFalse();
        assertThat(d.ifMatch()).isNull();
        assertThat(d.maxSize()).isEqualTo(-1);
        assertThat(d.metadata()).isEmpty();
        assertThat(d.tags()).isEmpty();
    }

    @Test
    void if_none_match_and_if_match_cannot_be_combined_in_either_order() {
        assertThatThrownBy(() -> PutOptions.builder().ifNoneMatch().ifMatch("abc")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> PutOptions.builder().ifMatch("abc").ifNoneMatch()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new PutOptions(null, null, null, Map.of(), Map.of(), true, "abc", null, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void if_match_needs_an_etag_and_drops_its_quotes() {
        assertThatThrownBy(() -> PutOptions.builder().ifMatch(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PutOptions.builder().ifMatch(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(PutOptions.builder().ifMatch("\"abc\"").build().ifMatch()).isEqualTo("abc");
        assertThat(PutOptions.builder().ifMatch("W/\"abc\"").build().ifMatch()).isEqualTo("abc");
    }

    @Test
    void max_size_must_not_be_negative() {
        assertThatThrownBy(() -> PutOptions.builder().maxSize(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(PutOptions.builder().maxSize(0).build().maxSize()).isZero();
    }

    @Test
    void metadata_names_must_be_portable() {
        assertThatThrownBy(() -> PutOptions.builder().metadata("Owner", "x").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[a-z][a-z0-9_]*");
        assertThatThrownBy(() -> PutOptions.builder().metadata("x-y", "x").build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PutOptions.builder().metadata("1st", "x").build()).isInstanceOf(IllegalArgumentException.class);
        assertThat(PutOptions.builder().metadata("case_id2", "x").build().metadata()).containsEntry("case_id2", "x");
    }

    @Test
    void metadata_values_must_be_printable_ascii_and_small() {
        assertThatThrownBy(() -> PutOptions.builder().metadata("name", "é").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("printable ASCII");
        assertThatThrownBy(() -> PutOptions.builder().metadata("name", "a\nb").build()).isInstanceOf(IllegalArgumentException.class);
        Map<String, String> big = new HashMap<>();
        for (int i = 0; i < 30; i++) {
            big.put("k" + i, "v".repeat(80));
        }
        assertThatThrownBy(() -> PutOptions.builder().metadata(big).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2048");
    }

    @Test
    void at_most_ten_tags_with_allowed_characters() {
        PutOptions.Builder b = PutOptions.builder();
        for (int i = 0; i < 11; i++) {
            b.tag("t" + i, "v");
        }
        assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 10");
        assertThatThrownBy(() -> PutOptions.builder().tag("bad#name", "v").build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PutOptions.builder().tag("", "v").build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PutOptions.builder().tag("ok", "bad\"value").build()).isInstanceOf(IllegalArgumentException.class);
        assertThat(PutOptions.builder().tag("projet été", "a+b=c:d/e@f").tag("empty", "").build().tags()).hasSize(2);
    }

    @Test
    void header_values_must_not_carry_control_characters() {
        assertThatThrownBy(() -> PutOptions.builder().contentType("text/plain\r\nX-Evil: 1").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contentType");
        assertThatThrownBy(() -> PutOptions.builder().contentDisposition("attachment\n").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PutOptions.builder().cacheControl("no-cache\u007f").build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void built_options_are_immutable_and_round_trip_through_to_builder() {
        Map<String, String> metadata = new HashMap<>(Map.of("a", "1"));
        ProgressListener listener = (done, total) -> { };
        PutOptions options = PutOptions.builder().contentType("text/plain").contentDisposition("inline").cacheControl("no-store")
                .metadata(metadata).tag("t", "v").ifMatch("e1").progress(listener).maxSize(10).build();
        metadata.put("b", "2");
        assertThat(options.metadata()).containsOnlyKeys("a");
        assertThatThrownBy(() -> options.metadata().put("c", "3")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(options.toBuilder().build()).isEqualTo(options);
        assertThat(options.withContentType("text/csv").contentType()).isEqualTo("text/csv");
        assertThat(options.withContentType("text/csv").ifMatch()).isEqualTo("e1");
    }

    @Test
    void metadata_and_tags_replace_or_add() {
        PutOptions o = PutOptions.builder().metadata("a", "1").metadata(Map.of("b", "2")).metadata("c", "3")
                .tags(Map.of("x", "1")).tag("y", "2").build();
        assertThat(o.metadata()).containsOnlyKeys("b", "c");
        assertThat(o.tags()).containsOnlyKeys("x", "y");
    }
}
