package dev.stowage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteRangeTest {

    @Test
    void a_first_last_range_covers_both_ends() {
        ByteRange r = ByteRange.of(10, 19);
        assertThat(r.startFor(100)).isEqualTo(10);
        assertThat(r.lengthFor(100)).isEqualTo(10);
        assertThat(r.toHttpHeader()).isEqualTo("bytes=10-19");
        assertThat(r.isAll()).isFalse();
        assertThat(r.isSuffix()).isFalse();
    }

    @Test
    void a_single_byte_range_has_length_one() {
        assertThat(ByteRange.of(0, 0).lengthFor(5)).isEqualTo(1);
        assertThat(ByteRange.of(4, 4).lengthFor(5)).isEqualTo(1);
    }

    @Test
    void an_end_past_the_object_is_cut() {
        assertThat(ByteRange.of(90, 1000).startFor(100)).isEqualTo(90);
        assertThat(ByteRange.of(90, 1000).lengthFor(100)).isEqualTo(10);
    }

    @Test
    void a_range_starting_at_or_past_the_end_is_empty() {
        assertThat(ByteRange.of(100, 200).lengthFor(100)).isZero();
        assertThat(ByteRange.of(100, 200).startFor(100)).isEqualTo(100);
        assertThat(ByteRange.from(100).lengthFor(100)).isZero();
        assertThat(ByteRange.from(500).startFor(100)).isEqualTo(100);
        assertThat(ByteRange.of(0, 10).lengthFor(0)).isZero();
    }

    @Test
    void a_from_range_runs_to_the_end() {
        ByteRange r = ByteRange.from(30);
        assertThat(r.startFor(100)).isEqualTo(30);
        assertThat(r.lengthFor(100)).isEqualTo(70);
        assertThat(r.toHttpHeader()).isEqualTo("bytes=30-");
        assertThat(ByteRange.from(0).isAll()).isTrue();
    }

    @Test
    void a_suffix_range_takes_the_last_bytes_and_at_most_the_whole_object() {
        ByteRange r = ByteRange.suffix(20);
        assertThat(r.isSuffix()).isTrue();
        assertThat(r.startFor(100)).isEqualTo(80);
        assertThat(r.lengthFor(100)).isEqualTo(20);
        assertThat(r.toHttpHeader()).isEqualTo("bytes=-20");
        assertThat(ByteRange.suffix(500).startFor(100)).isZero();
        assertThat(ByteRange.suffix(500).lengthFor(100)).isEqualTo(100);
        assertThat(ByteRange.suffix(0).lengthFor(100)).isZero();
    }

    @Test
    void all_is_the_whole_object() {
        assertThat(ByteRange.ALL.isAll()).isTrue();
        assertThat(ByteRange.ALL.lengthFor(123)).isEqualTo(123);
        assertThat(ByteRange.ALL.toHttpHeader()).isEqualTo("bytes=0-");
    }

    @Test
    void malformed_ranges_are_refused() {
        assertThatThrownBy(() -> ByteRange.of(-1, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ByteRange.of(5, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("before first");
        assertThatThrownBy(() -> ByteRange.of(0, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ByteRange.from(-3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ByteRange.suffix(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ByteRange(0, 5, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ByteRange(0, -1, -2)).isInstanceOf(IllegalArgumentException.class);
    }
}
