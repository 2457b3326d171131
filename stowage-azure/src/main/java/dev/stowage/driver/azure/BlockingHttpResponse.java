package dev.stowage.driver.azure;

import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.BinaryData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A response of {@link BlockingHttpClient}: status and headers read, the body streamed from the
 * socket as it is consumed (or read whole, once, when asked for bytes). The connection goes back to
 * the pool when the body has been read to its end, and is closed if the response is closed before.
 */
final class BlockingHttpResponse extends HttpResponse {
    private static final int CHUNK = 64 << 10;

    private final int status;
    private final HttpHeaders headers;
    private final BodyStream body;
    private final HttpConnection connection;
    private final boolean reusable;
    private final BlockingHttpClient owner;
    private final AtomicBoolean finished = new AtomicBoolean();
    private byte[] bytes;

    BlockingHttpResponse(HttpRequest request, int status, HttpHeaders headers, InputStream body,
            HttpConnection connection, boolean reusable, BlockingHttpClient owner) {
        super(request);
        this.status = status;
        this.headers = headers;
        this.body = (BodyStream) body;
        this.connection = connection;
        this.reusable = reusable;
        this.owner = owner;
        if (this.body.done) {
            finish();
        }
    }

    @Override
    public int getStatusCode() {
        return status;
    }

    @Override
    public String getHeaderValue(String name) {
        return headers.getValue(name);
    }

    @Override
    public HttpHeaders getHeaders() {
        return headers;
    }

    /** The body as the socket delivers it; reaching its end hands the connection back. */
    private final InputStream stream = new InputStream() {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (finished.get()) {
                return -1;
            }
            try {
                int n = body.read(b, off, len);
                if (body.done) {
                    finish();
                }
                return n;
            } catch (IOException | RuntimeException e) {
                abort();
                throw e;
            }
        }

        @Override
        public int available() throws IOException {
            return finished.get() ? 0 : body.available();
        }

        @Override
        public void close() {
            BlockingHttpResponse.this.close();
        }
    };

    private synchronized byte[] bytes() {
        if (bytes == null) {
            try {
                bytes = stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return bytes;
    }

    @Override
    public Flux<ByteBuffer> getBody() {
        if (bytes != null) {
            return bytes.length == 0 ? Flux.empty() : Flux.just(ByteBuffer.wrap(bytes));
        }
        return Flux.<ByteBuffer>generate(sink -> {
            try {
                long left = body.knownLeft();
                byte[] chunk = new byte[left > 0 && left < CHUNK ? (int) left : CHUNK];
                int n = stream.read(chunk, 0, chunk.length);
                if (n < 0) {
                    sink.complete();
                } else {
                    sink.next(ByteBuffer.wrap(chunk, 0, n));
                }
            } catch (IOException e) {
                sink.error(e);
            }
        }).doFinally(signal -> close());
    }

    @Override
    public BinaryData getBodyAsBinaryData() {
        return BinaryData.fromBytes(bytes());
    }

    @Override
    public Mono<byte[]> getBodyAsByteArray() {
        return Mono.fromCallable(this::bytes);
    }

    @Override
    public Mono<String> getBodyAsString() {
        return getBodyAsString(StandardCharsets.UTF_8);
    }

    @Override
    public Mono<String> getBodyAsString(Charset charset) {
        return Mono.fromCallable(() -> new String(bytes(), charset));
    }

    @Override
    public Mono<InputStream> getBodyAsInputStream() {
        return Mono.fromCallable(this::getBodyAsInputStreamSync);
    }

    @Override
    public synchronized InputStream getBodyAsInputStreamSync() {
        return bytes != null ? new ByteArrayInputStream(bytes) : stream;
    }

    @Override
    public void writeBodyTo(WritableByteChannel channel) throws IOException {
        byte[] chunk = new byte[CHUNK];
        InputStream in = getBodyAsInputStreamSync();
        int n;
        while ((n = in.read(chunk, 0, CHUNK)) >= 0) {
            ByteBuffer b = ByteBuffer.wrap(chunk, 0, n);
            while (b.hasRemaining()) {
                channel.write(b);
            }
        }
    }

    @Override
    public HttpResponse buffer() {
        bytes();
        return this;
    }

    private void finish() {
        if (finished.compareAndSet(false, true)) {
            if (reusable) {
                owner.release(connection);
            } else {
                connection.close();
            }
        }
    }

    private void abort() {
        if (finished.compareAndSet(false, true)) {
            connection.close();
        }
    }

    /** Before the end of the body: the rest is not read, the connection is closed, not reused. */
    @Override
    public void close() {
        if (!body.done) {
            abort();
        } else {
            finish();
        }
    }
}
