package dev.stowage.driver.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The HTTP/1.1 framing of the blocking transport on bytes as a server sends them: header lines,
 * chunked bodies (Azurite answers with Content-Length, so the contract tests do not reach this)
 * and bodies that end early. Small socket reads are simulated by a stream that hands out a few
 * bytes at a time.
 */
class HttpFramingTest {

    /** Hands out at most {@code step} bytes per read, like a socket under load. */
    private static InputStream trickle(String text, int step) {
        ByteArrayInputStream all = new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
        return new InputStream() {
            @Override
            public int read() {
                return all.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return all.read(b, off, Math.min(len, step));
            }
        };
    }

    @Test
    void header_lines_split_across_reads_come_back_whole_without_their_crlf() throws IOException {
        SocketInput in = new SocketInput(trickle("HTTP/1.1 200 OK\r\nx-ms-meta-a: b\r\n\r\nbody", 3), 8);
        assertThat(in.line()).isEqualTo("HTTP/1.1 200 OK");
        assertThat(in.line()).isEqualTo("x-ms-meta-a: b");
        assertThat(in.line()).isEmpty();
        assertThat(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)).isEqualTo("body");
        assertThat(in.line()).isNull();
    }

    @Test
    void a_chunked_body_is_decoded_and_ends_at_its_last_chunk_leaving_the_next_response_unread() throws IOException {
        SocketInput in = new SocketInput(trickle("5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\ntrailer: x\r\n\r\nHTTP/1.1 204", 4), 16);
        BodyStream body = new BodyStream.Chunked(in);
        assertThat(new String(body.readAllBytes(), StandardCharsets.ISO_8859_1)).isEqualTo("hello, world");
        assertThat(body.done).isTrue();
        assertThat(in.line()).isEqualTo("HTTP/1.1 204");
    }

    @Test
    void a_body_of_known_length_stops_there_and_one_cut_short_fails_instead_of_looking_complete() throws IOException {
        SocketInput in = new SocketInput(trickle("0123456789NEXT", 3), 4);
        BodyStream body = new BodyStream.Fixed(in, 10);
        assertThat(new String(body.readAllBytes(), StandardCharsets.ISO_8859_1)).isEqualTo("0123456789");
        assertThat(body.done).isTrue();
        BodyStream cut = new BodyStream.Fixed(new SocketInput(trickle("01234", 2), 4), 10);
        assertThatThrownBy(cut::readAllBytes).isInstanceOf(EOFException.class);
    }

    @Test
    void a_chunked_body_cut_inside_a_chunk_fails() {
        BodyStream body = new BodyStream.Chunked(new SocketInput(trickle("a\r\nhal", 2), 4));
        assertThatThrownBy(body::readAllBytes).isInstanceOf(EOFException.class);
    }
}
