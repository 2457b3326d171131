package dev.stowage.driver.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SidecarTest {
    private static final Sidecar.Record FIRST = new Sidecar.Record("e1", "AAAAAA==", "text/plain; charset=utf-8",
            "attachment; filename=\"a\nb%20c\"", "max-age=1", Map.of("a name", "v\r\nw%"), Map.of("t", " "));

    @Test
    void encoding_then_decoding_gives_back_every_field_even_with_separators_in_values() {
        Sidecar sidecar = new Sidecar("k ey/\n%", java.util.List.of(FIRST));
        assertThat(Sidecar.decode(sidecar.encode())).isEqualTo(sidecar);
    }

    @Test
    void a_torn_sidecar_keeps_only_its_complete_records() {
        Sidecar two = new Sidecar("k", java.util.List.of(FIRST.withEtag("new"), FIRST));
        byte[] bytes = two.encode();
        for (int cut = 0; cut < bytes.length; cut++) {
            Sidecar torn = Sidecar.decode(Arrays.copyOf(bytes, cut));
            if (torn != null) {
                assertThat(torn.key()).isIn("k", "");
                assertThat(two.records()).containsAll(torn.records());
            }
        }
        assertThat(Sidecar.decode("not a sidecar".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(Sidecar.decode(new byte[0])).isNull();
    }
}
