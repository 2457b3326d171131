package dev.stowage.driver.azure;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeader;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.ReentrantLock;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * An {@link HttpClient} for azure-core that does plain-{@code http} requests as blocking HTTP/1.1
 * over a small pool of keep-alive sockets, on the calling thread; {@code https} goes to the SDK's
 * own client ({@code fallback}). The SDK's sync clients call {@link #sendSync} directly, so a request
 * costs one write and one read on the caller's (virtual) thread instead of two hand-overs to
 * Netty's event loop and Reactor's operators: the measured cost of the SDK over loopback was mostly
 * that (see docs/benchmarks.md). Everything above the transport (signing, retries, error mapping,
 * XML) stays the SDK's.
 *
 * <p>A connection is reused only after its response body was read to the end; a request on a
 * reused connection that finds it closed by the server is sent again once on a new one (its body
 * is replayable, or it is not sent on a reused connection). Idle connections older than
 * {@value #IDLE_MILLIS} ms are dropped (servers close idle keep-alive connections after about 5 s).
 */
final class BlockingHttpClient implements HttpClient {
    static final int IDLE_MILLIS = 2_000;
    /** As many as Stowage's default async concurrency keeps busy: fewer would mean connection churn. */
    private static final int MAX_IDLE = 256;
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final int READ_TIMEOUT_MILLIS = 60_000;

    private final HttpClient fallback;
    private final ReentrantLock lock = new ReentrantLock();
    private final Deque<HttpConnection> idle = new ArrayDeque<>();

    BlockingHttpClient(HttpClient fallback) {
        this.fallback = fallback;
    }

    @Override
    public Mono<HttpResponse> send(HttpRequest request) {
        return send(request, Context.NONE);
    }

    @Override
    public Mono<HttpResponse> send(HttpRequest request, Context context) {
        if (!isPlainHttp(request)) {
            return fallback.send(request, context);
        }
        Mono<HttpResponse> call = Mono.fromCallable(() -> sendSync(request, context));
        // Inline on the subscribing thread (the caller blocking on the result), except on Reactor's
        // non-blocking threads (a retry's delay fires on one): there, one of the elastic workers.
        return Mono.defer(() -> Schedulers.isInNonBlockingThread() ? call.subscribeOn(Schedulers.boundedElastic()) : call);
    }

    @Override
    public HttpResponse sendSync(HttpRequest request, Context context) {
        if (!isPlainHttp(request)) {
            return fallback.sendSync(request, context);
        }
        URL url = request.getUrl();
        String host = url.getHost();
        int port = url.getPort() < 0 ? 80 : url.getPort();
        BinaryData body = request.getBodyAsBinaryData();
        boolean replayable = body == null || body.isReplayable();
        try {
            HttpConnection reused = replayable ? pooled(host, port) : null;
            if (reused != null) {
                try {
                    return exchange(reused, request, body);
                } catch (IOException stale) {
                    reused.close(); // closed by the server while idle: once more on a new connection
                }
            }
            return exchange(open(host, port), request, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isPlainHttp(HttpRequest request) {
        return "http".equalsIgnoreCase(request.getUrl().getProtocol());
    }

    private HttpResponse exchange(HttpConnection c, HttpRequest request, BinaryData body) throws IOException {
        try {
            writeRequest(c.out, request, body);
            return HttpConnection.readResponse(c, request, this);
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private static void writeRequest(OutputStream out, HttpRequest request, BinaryData body) throws IOException {
        URL url = request.getUrl();
        StringBuilder head = new StringBuilder(512);
        String path = url.getPath().isEmpty() ? "/" : url.getPath();
        head.append(request.getHttpMethod().name()).append(' ').append(path);
        if (url.getQuery() != null) {
            head.append('?').append(url.getQuery());
        }
        head.append(" HTTP/1.1\r\nHost: ").append(url.getHost());
        if (url.getPort() >= 0) {
            head.append(':').append(url.getPort());
        }
        head.append("\r\n");
        boolean hasLength = false;
        for (HttpHeader h : request.getHeaders()) {
            String name = h.getName();
            if (name.equalsIgnoreCase("Host") || name.equalsIgnoreCase("Connection")) {
                continue;
            }
            hasLength |= name.equalsIgnoreCase("Content-Length");
            for (String v : h.getValuesList()) {
                head.append(name).append(": ").append(v).append("\r\n");
            }
        }
        Long length = body == null ? Long.valueOf(0) : body.getLength();
        boolean chunked = false;
        if (!hasLength) {
            if (length != null) {
                if (length > 0 || request.getHttpMethod() == HttpMethod.PUT || request.getHttpMethod() == HttpMethod.POST) {
                    head.append("Content-Length: ").append(length).append("\r\n");
                }
            } else {
                head.append("Transfer-Encoding: chunked\r\n");
                chunked = true;
            }
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            if (chunked) {
                ChunkedOutputStream chunks = new ChunkedOutputStream(out);
                body.writeTo(chunks);
                chunks.finish();
            } else {
                body.writeTo(out);
            }
        }
        out.flush();
    }

    private HttpConnection pooled(String host, int port) {
        long now = System.nanoTime();
        lock.lock();
        try {
            while (!idle.isEmpty()) {
                HttpConnection c = idle.pollFirst();
                if (now - c.idleSince > IDLE_MILLIS * 1_000_000L || !c.host.equals(host) || c.port != port) {
                    c.close();
                    continue;
                }
                return c;
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    private static HttpConnection open(String host, int port) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setKeepAlive(true);
            s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            s.setSoTimeout(READ_TIMEOUT_MILLIS);
            return new HttpConnection(host, port, s, new SocketInput(s.getInputStream(), 64 << 10),
                    new BufferedOutputStream(s.getOutputStream(), 16 << 10));
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /** Takes back a connection whose response was read to the end. */
    void release(HttpConnection c) {
        c.idleSince = System.nanoTime();
        lock.lock();
        try {
            if (idle.size() < MAX_IDLE) {
                idle.addFirst(c);
                return;
            }
        } finally {
            lock.unlock();
        }
        c.close();
    }

    /** Closes every idle connection. */
    void closeIdle() {
        lock.lock();
        try {
            idle.forEach(HttpConnection::close);
            idle.clear();
        } finally {
            lock.unlock();
        }
    }

    /** Writes HTTP/1.1 chunks (for a body of unknown length). */
    private static final class ChunkedOutputStream extends OutputStream {
        private final OutputStream out;

        ChunkedOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return;
            }
            out.write((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(b, off, len);
            out.write('\r');
            out.write('\n');
        }

        void finish() throws IOException {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
    }
}
