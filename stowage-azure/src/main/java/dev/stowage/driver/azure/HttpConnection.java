package dev.stowage.driver.azure;

import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/** One keep-alive HTTP/1.1 connection of a {@link BlockingHttpClient}, and how a response is read from it. */
final class HttpConnection {
    final String host;
    final int port;
    final Socket socket;
    final SocketInput in;
    final OutputStream out;
    long idleSince;

    HttpConnection(String host, int port, Socket socket, SocketInput in, OutputStream out) {
        this.host = host;
        this.port = port;
        this.socket = socket;
        this.in = in;
        this.out = out;
    }

    void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing: nothing left to do
        }
    }

    /** Reads the status line and headers; the body is left to the response, which streams it. */
    static HttpResponse readResponse(HttpConnection c, HttpRequest request, BlockingHttpClient owner)
            throws IOException {
        while (true) {
            String status = line(c.in);
            if (status == null) {
                throw new EOFException("the server closed the connection before answering");
            }
            if (!status.startsWith("HTTP/1.") || status.length() < 12) {
                throw new IOException("not an HTTP/1.x status line: " + status);
            }
            int code = Integer.parseInt(status.substring(9, 12));
            boolean close = status.startsWith("HTTP/1.0");
            HttpHeaders headers = new HttpHeaders(24);
            long length = -1;
            boolean chunked = false;
            String h;
            while ((h = line(c.in)) != null && !h.isEmpty()) {
                int colon = h.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = h.substring(0, colon).trim();
                String value = h.substring(colon + 1).trim();
                headers.add(name, value);
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                    chunked = value.toLowerCase(java.util.Locale.ROOT).contains("chunked");
                } else if (name.equalsIgnoreCase("Connection")) {
                    close = value.equalsIgnoreCase("close");
                }
            }
            if (h == null) {
                throw new EOFException("the connection closed inside the response headers");
            }
            if (code == 100) {
                continue; // an interim answer: the real one follows
            }
            InputStream body;
            boolean reusable = !close;
            if (request.getHttpMethod() == HttpMethod.HEAD || code == 204 || code == 304 || code < 200) {
                body = new BodyStream.Fixed(c.in, 0);
            } else if (chunked) {
                body = new BodyStream.Chunked(c.in);
            } else if (length >= 0) {
                body = new BodyStream.Fixed(c.in, length);
            } else {
                body = new BodyStream.Fixed(c.in, Long.MAX_VALUE);
                reusable = false;
            }
            return new BlockingHttpResponse(request, code, headers, body, c, reusable, owner);
        }
    }

    private static String line(SocketInput in) throws IOException {
        return in.line();
    }
}
