package dev.stowage.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A few S3 answers on 127.0.0.1 for the launcher's {@link Training} run, so that the S3 driver's
 * whole request and response path (client setup, signing, HTTP, response parsing) is loaded while
 * the startup archive is recorded. It is not an S3 implementation and nothing but {@link Training}
 * uses it: PUT stores a body, GET/HEAD return it, DELETE drops it, {@code list-type=2} lists all.
 */
final class TrainingS3 implements AutoCloseable {
    private static final String ETAG = "\"0cc175b9c0f1b6a831c399e269772661\"";
    private static final String MODIFIED = "Thu, 01 Jan 2026 00:00:00 GMT";

    private final HttpServer server;
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();

    private TrainingS3(HttpServer server) {
        this.server = server;
    }

    /** Starts it on a free port of 127.0.0.1. */
    static TrainingS3 start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        TrainingS3 s3 = new TrainingS3(server);
        server.createContext("/", s3::handle);
        server.start();
        return s3;
    }

    /** {@code http://127.0.0.1:PORT}. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getRawQuery();
            byte[] body = exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("x-amz-request-id", "training");
            switch (exchange.getRequestMethod()) {
                case "PUT" -> {
                    objects.put(path, body);
                    exchange.getResponseHeaders().add("ETag", ETAG);
                    exchange.sendResponseHeaders(200, -1);
                }
                case "DELETE" -> {
                    objects.remove(path);
                    exchange.sendResponseHeaders(204, -1);
                }
                case "GET", "HEAD" -> {
                    if (query != null && query.contains("list-type=2")) {
                        send(exchange, 200, "application/xml", list(path).getBytes(StandardCharsets.UTF_8));
                        return;
                    }
                    byte[] object = objects.get(path);
                    if (object == null) {
                        send(exchange, 404, "application/xml", ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error>"
                                + "<Code>NoSuchKey</Code><Message>no such key</Message></Error>")
                                .getBytes(StandardCharsets.UTF_8));
                        return;
                    }
                    exchange.getResponseHeaders().add("ETag", ETAG);
                    exchange.getResponseHeaders().add("Last-Modified", MODIFIED);
                    send(exchange, 200, "application/octet-stream", object);
                }
                default -> exchange.sendResponseHeaders(405, -1);
            }
        }
    }

    private String list(String bucketPath) {
        String bucket = bucketPath.replaceAll("^/+|/+$", "");
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>" + bucket + "</Name>"
                + "<KeyCount>" + objects.size() + "</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>");
        objects.forEach((path, bytes) -> b.append("<Contents><Key>").append(path.substring(bucket.length() + 2))
                .append("</Key><LastModified>2026-01-01T00:00:00.000Z</LastModified><ETag>&quot;0cc175b9c0f1b6a831c399e2"
                        + "69772661&quot;</ETag><Size>").append(bytes.length)
                .append("</Size><StorageClass>STANDARD</StorageClass></Contents>"));
        return b.append("</ListBucketResult>").toString();
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.getResponseHeaders().add("Content-Length", Integer.toString(body.length));
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
