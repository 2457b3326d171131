package dev.stowage.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.stowage.ByteRange;
import dev.stowage.Content;
import dev.stowage.InvalidKeyException;
import dev.stowage.ObjectInfo;
import dev.stowage.ObjectNotFoundException;
import dev.stowage.PutOptions;
import dev.stowage.Storage;
import dev.stowage.StorageException;
import dev.stowage.url.HttpRange;
import dev.stowage.url.SelfServed;
import dev.stowage.url.SignatureRejectedException;
import dev.stowage.url.SignedRequest;
import dev.stowage.url.UrlEncoding;
import dev.stowage.url.UrlSigner;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small HTTP server on {@code 127.0.0.1} that serves the signed URLs of memory and local disks
 * in tests: {@code GET}, {@code HEAD} and {@code PUT} of {@code {base}/files/{disk}/{key}?…},
 * verified with {@link UrlSigner}. Reads honour a single {@code Range} (206, or 416 when it cannot
 * be satisfied) and offer the signed download name in {@code Content-Disposition}. A refused URL
 * gets 403 with the reason in the body.
 *
 * <pre>{@code
 * SignedUrlServer server = SignedUrlServer.start();
 * Storage disk = Stowage.open(DiskConfig.of("t", "memory",
 *         Map.of("base-url", server.baseUrl().toString(), "signing-secret", secret)));
 * server.register(disk);   // or register(disk, secret)
 * }</pre>
 *
 * <p>Not a production server: {@code stowage serve} and the Spring Boot starter are.
 */
public final class SignedUrlServer implements AutoCloseable {
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private record Disk(Storage storage, UrlSigner signer) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Disk> disks = new ConcurrentHashMap<>();

    private SignedUrlServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts a server on a free port of 127.0.0.1. */
    public static SignedUrlServer start() throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        http.setExecutor(executor);
        SignedUrlServer s = new SignedUrlServer(http, executor);
        http.createContext("/files/", s::handle);
        http.start();
        return s;
    }

    /** The base URL to configure as the disks' {@code base-url}, e.g. {@code http://127.0.0.1:41234}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * Serves {@code storage}'s signed URLs, verified with the signer of its driver (memory and
     * local disks, found through {@link SelfServed}).
     *
     * @throws IllegalArgumentException if the disk does not sign its own URLs or has no signer
     */
    public SignedUrlServer register(Storage storage) {
        UrlSigner signer = storage.unwrap(SelfServed.class).servedUrls().signer();
        if (signer == null) {
            throw new IllegalArgumentException("disk '" + storage.name() + "' has no signing-secret configured");
        }
        return register(storage, signer);
    }

    /** Serves {@code storage}'s signed URLs, verified with {@code signingSecret}. */
    public SignedUrlServer register(Storage storage, String signingSecret) {
        return register(storage, UrlSigner.ofSecret(signingSecret));
    }

    /** Serves {@code storage}'s signed URLs, verified with {@code signer}. */
    public SignedUrlServer register(Storage storage, UrlSigner signer) {
        disks.put(storage.name(), new Disk(storage, signer));
        return this;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String rest = exchange.getRequestURI().getRawPath().substring("/files/".length());
            int slash = rest.indexOf('/');
            if (slash <= 0 || slash == rest.length() - 1) {
                send(exchange, 404, "no such file");
                return;
            }
            String diskName;
            String key;
            try {
                diskName = UrlEncoding.decode(rest.substring(0, slash));
                key = UrlEncoding.decode(rest.substring(slash + 1));
            } catch (IllegalArgumentException e) {
                send(exchange, 400, "malformed path");
                return;
            }
            Disk disk = disks.get(diskName);
            if (disk == null) {
                send(exchange, 404, "no such disk");
                return;
            }
            String method = exchange.getRequestMethod();
            SignedRequest request;
            try {
                request = disk.signer().verify(method, diskName, key,
                        UrlSigner.parseQuery(exchange.getRequestURI().getRawQuery()));
            } catch (SignatureRejectedException e) {
                send(exchange, 403, e.rejection() + ": " + e.getMessage());
                return;
            } catch (IllegalArgumentException e) {
                send(exchange, 403, "MALFORMED: " + e.getMessage());
                return;
            }
            try {
                switch (method) {
                    case "GET", "HEAD" -> read(exchange, disk.storage(), request, method.equals("HEAD"));
                    case "PUT" -> write(exchange, disk.storage(), request);
                    default -> send(exchange, 405, "method not allowed");
                }
            } catch (ObjectNotFoundException e) {
                send(exchange, 404, "no such object");
            } catch (InvalidKeyException e) {
                send(exchange, 400, e.reason());
            } catch (StorageException e) {
                send(exchange, 500, e.getMessage());
            }
        }
    }

    private void read(HttpExchange exchange, Storage storage, SignedRequest request, boolean head) throws IOException {
        ObjectInfo info = storage.stat(request.key());
        long size = info.size();
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", info.contentType());
        headers.set("Accept-Ranges", "bytes");
        if (info.etag() != null) {
            headers.set("ETag", '"' + info.etag() + '"');
        }
        if (info.lastModified() != null) {
            headers.set("Last-Modified", HTTP_DATE.format(info.lastModified()));
        }
        if (info.cacheControl() != null) {
            headers.set("Cache-Control", info.cacheControl());
        }
        if (request.downloadName() != null) {
            headers.set("Content-Disposition", contentDisposition(request.downloadName()));
        } else if (info.contentDisposition() != null) {
            headers.set("Content-Disposition", info.contentDisposition());
        }
        int status = 200;
        ByteRange byteRange = ByteRange.ALL;
        long length = size;
        switch (HttpRange.parse(exchange.getRequestHeaders().getFirst("Range"), size)) {
            case HttpRange.Unsatisfiable u -> {
                headers.set("Content-Range", "bytes */" + size);
                send(exchange, 416, "range not satisfiable");
                return;
            }
            case HttpRange.Partial p -> {
                byteRange = p.range();
                length = p.length();
                headers.set("Content-Range", "bytes " + p.first() + "-" + p.last() + "/" + size);
                status = 206;
            }
            case HttpRange.Whole w -> {
                // the whole object, 200
            }
        }
        if (head || length == 0) {
            if (head) {
                headers.set("Content-Length", Long.toString(length));
            }
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        try (InputStream in = byteRange.isAll() ? storage.open(request.key()) : storage.open(request.key(), byteRange)) {
            exchange.sendResponseHeaders(status, length);
            try (OutputStream out = exchange.getResponseBody()) {
                copy(in, out, length);
            }
        }
    }

    private void write(HttpExchange exchange, Storage storage, SignedRequest request) throws IOException {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (request.contentType() != null && !request.contentType().equalsIgnoreCase(type)) {
            send(exchange, 403, "WRONG_CONTENT_TYPE: the URL requires Content-Type " + request.contentType());
            return;
        }
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        long length = -1;
        if (declared != null) {
            try {
                length = Long.parseLong(declared.strip());
            } catch (NumberFormatException e) {
                send(exchange, 400, "malformed Content-Length");
                return;
            }
        }
        PutOptions.Builder options = PutOptions.builder();
        if (type != null && !type.isBlank()) {
            options.contentType(type);
        }
        try (InputStream body = exchange.getRequestBody()) {
            ObjectInfo info = storage.put(request.key(), length >= 0 ? Content.of(body, length) : Content.of(body),
                    options.build());
            if (info.etag() != null) {
                exchange.getResponseHeaders().set("ETag", '"' + info.etag() + '"');
            }
        }
        exchange.sendResponseHeaders(200, -1);
    }

    /**
     * Copies {@code length} bytes, closing {@code in} before the last bytes go out: a client that
     * has the whole body knows the server holds no stream of the object any more.
     */
    private static void copy(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long remaining = length;
        while (remaining > 0) {
            int n = in.readNBytes(buf, 0, (int) Math.min(buf.length, remaining));
            if (n <= 0) {
                throw new IOException("the object ended " + remaining + " bytes early");
            }
            remaining -= n;
            if (remaining == 0) {
                in.close();
            }
            out.write(buf, 0, n);
        }
    }

    /** {@code attachment} with an ASCII fallback name and the exact name in RFC 5987 form. */
    static String contentDisposition(String fileName) {
        StringBuilder ascii = new StringBuilder();
        for (int i = 0; i < fileName.length(); i++) {
            char c = fileName.charAt(i);
            ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '_');
        }
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + UrlEncoding.encodeQuery(fileName);
    }

    private static void send(HttpExchange exchange, int status, String message) throws IOException {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
