package dev.stowage.url;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HttpRangeTest {

    @Test
    void single_ranges_follow_rfc_9110() {
        assertThat(HttpRange.parse("bytes=0-0", 10)).isEqualTo(new HttpRange.Partial(0, 0));
        assertThat(HttpRange.parse("bytes=5-", 10)).isEqualTo(new HttpRange.Partial(5, 9));
        assertThat(HttpRange.parse("bytes=-3", 10)).isEqualTo(new HttpRange.Partial(7, 9));
        assertThat(HttpRange.parse("bytes=-30", 10)).isEqualTo(new HttpRange.Partial(0, 9));
        assertThat(HttpRange.parse("bytes=8-100", 10)).isEqualTo(new HttpRange.Partial(8, 9));
        assertThat(HttpRange.parse("BYTES = 1-2", 10)).isInstanceOf(HttpRange.Whole.class);
        assertThat(HttpRange.parse("bytes=10-", 10)).isInstanceOf(HttpRange.Unsatisfiable.class);
        assertThat(HttpRange.parse("bytes=-0", 10)).isInstanceOf(HttpRange.Unsatisfiable.class);
        assertThat(HttpRange.parse("bytes=0-", 0)).isInstanceOf(HttpRange.Unsatisfiable.class);
        assertThat(HttpRange.parse("bytes=999999999999999999999-", 10)).isInstanceOf(HttpRange.Unsatisfiable.class);
        assertThat(HttpRange.parse("bytes=0-999999999999999999999", 10)).isEqualTo(new HttpRange.Partial(0, 9));
        assertThat(HttpRange.parse("bytes=-999999999999999999999", 10)).isEqualTo(new HttpRange.Partial(0, 9));
    }

    @Test
    void anything_else_sends_the_whole_object() {
        for (String h : new String[] {null, "", "items=0-1", "bytes=", "bytes=a-b", "bytes=3-1", "bytes=0-1,2-3",
            "bytes=--1", "bytes=1", "bytes=+1-2", "bytes= - "}) {
            assertThat(HttpRange.parse(h, 10)).as(String.valueOf(h)).isInstanceOf(HttpRange.Whole.class);
        }
    }

    @Test
    void random_headers_never_yield_a_range_outside_the_object() {
        Random random = new Random(7);
        String alphabet = "bytes=-0123456789,; x";
        for (int i = 0; i < 100_000; i++) {
            StringBuilder h = new StringBuilder(random.nextBoolean() ? "bytes=" : "");
            int len = random.nextInt(12);
            for (int j = 0; j < len; j++) {
                h.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            long size = random.nextInt(3) == 0 ? 0 : random.nextInt(1000);
            HttpRange.Outcome o = HttpRange.parse(h.toString(), size);
            if (o instanceof HttpRange.Partial p) {
                assertThat(p.first()).as(h.toString()).isBetween(0L, size - 1);
                assertThat(p.last()).as(h.toString()).isBetween(p.first(), size - 1);
            }
        }
    }
}
