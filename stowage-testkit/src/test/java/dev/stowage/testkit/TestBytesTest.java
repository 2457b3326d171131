package dev.stowage.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class TestBytesTest {

    @Test
    void a_stream_yields_the_same_bytes_as_the_array_whatever_the_read_sizes() throws IOException {
        byte[] expected = TestBytes.random(100_003, 42);
        for (int chunk : new int[] {1, 3, 7, 8, 9, 4096, 100_003}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (InputStream in = TestBytes.stream(expected.length, 42)) {
                byte[] buf = new byte[chunk];
                for (int n; (n = in.read(buf, 0, chunk)) >= 0; ) {
                    out.write(buf, 0, n);
                }
            }
            assertThat(out.toByteArray()).as("chunk %d", chunk).isEqualTo(expected);
        }
        try (InputStream in = TestBytes.stream(3, 42)) {
            assertThat(in.read()).isEqualTo(expected[0] & 0xff);
            assertThat(in.readAllBytes()).containsExactly(expected[1], expected[2]);
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void digests_match_the_jdk() throws IOException {
        byte[] data = TestBytes.random(5000, 7);
        assertThat(TestBytes.sha256(TestBytes.stream(5000, 7))).isEqualTo(TestBytes.sha256(data)).hasSize(64);
        CRC32C crc = new CRC32C();
        crc.update(data);
        byte[] be = {(byte) (crc.getValue() >>> 24), (byte) (crc.getValue() >>> 16), (byte) (crc.getValue() >>> 8),
                (byte) crc.getValue()};
        assertThat(TestBytes.crc32c(data)).isEqualTo(Base64.getEncoder().encodeToString(be));
        assertThat(TestBytes.crc32c(new byte[0])).isEqualTo("AAAAAA==");
        assertThat(TestBytes.sha256(new byte[0])).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
