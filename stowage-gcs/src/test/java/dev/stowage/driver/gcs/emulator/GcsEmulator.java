package dev.stowage.driver.gcs.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An in-process Google Cloud Storage server on 127.0.0.1 speaking the parts of Google's documented
 * <a href="https://cloud.google.com/storage/docs/json_api/v1">Cloud Storage JSON API</a> that
 * Stowage's driver and the real {@code google-cloud-storage} client use, so that the client, not
 * a fake of it, is what the tests exercise. Point the client at {@link #endpoint()} with
 * {@code StorageOptions.http().setHost(endpoint)}.
 *
 * <p>What it implements, with Google's semantics (see each handler's Javadoc for the reference
 * pages): buckets insert/get/delete; simple, multipart and resumable uploads ({@link Uploads});
 * media downloads with {@code Range}; objects get/list/patch/update/delete/rewrite/copy/compose
 * ({@link JsonApi}); generations and metagenerations with their preconditions
 * ({@link Preconditions}); CRC32C and MD5 ({@code x-goog-hash}, {@code crc32c}, {@code md5Hash});
 * JSON error bodies with the documented codes ({@link ApiError}); batch requests
 * ({@code multipart/mixed} on {@code /batch/storage/v1}, see
 * <a href="https://cloud.google.com/storage/docs/batch">sending batch requests</a>); V4 signed URL
 * verification for trusted service-account keys ({@link SignedUrls}); and an OAuth token endpoint
 * for service-account JWTs ({@link OAuthTokens}).
 *
 * <p>What it does not: IAM and ACLs (every caller may do everything), object versioning (only live
 * objects are kept), retention, lifecycle, notifications, HMAC keys, the XML API beyond signed
 * GET/PUT, gzip transcoding, customer-supplied encryption keys, and gRPC.
 *
 * <p>For tests it offers a request log, fault injection ({@link #failNext}) and a settable clock
 * offset (for signed URL expiry).
 */
public final class GcsEmulator implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final String endpoint;
    private final AtomicLong clockOffsetMillis = new AtomicLong();
    private final EmulatorStore store;
    private final JsonApi jsonApi;
    private final Uploads uploads;
    private final SignedUrls signedUrls;
    private final OAuthTokens tokens;
    private static final int LOG_LIMIT = 50_000;
    private final java.util.ArrayDeque<String> requestLog = new java.util.ArrayDeque<>();
    private final java.util.concurrent.locks.ReentrantLock logLock = new java.util.concurrent.locks.ReentrantLock();
    private final AtomicInteger faultsLeft = new AtomicInteger();
    private final AtomicReference<Integer> faultStatus = new AtomicReference<>(503);
    private volatile long rewriteBytesPerCall = 1 << 20;
    private final AtomicInteger corruptDownloads = new AtomicInteger();
    final AtomicInteger corruptUploads = new AtomicInteger();

    static {
        // answer small requests at once instead of waiting on Nagle's algorithm
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private GcsEmulator() throws IOException {
        Clock offsetClock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.now().plusMillis(clockOffsetMillis.get());
            }
        };
        this.store = new EmulatorStore(offsetClock);
        this.jsonApi = new JsonApi(store, this);
        this.uploads = new Uploads(store, this);
        this.signedUrls = new SignedUrls(store);
        this.tokens = new OAuthTokens(signedUrls::key);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
        this.endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Starts an emulator on a free port of 127.0.0.1. */
    public static GcsEmulator start() {
        try {
            return new GcsEmulator();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the GCS emulator", e);
        }
    }

    /** The base URL, e.g. {@code http://127.0.0.1:41234}. */
    public String endpoint() {
        return endpoint;
    }

    /** Creates a bucket (as buckets.insert would); returns false if it existed. */
    public boolean createBucket(String name) {
        return store.createBucket(name);
    }

    /** Trusts a service account's public key for signed URLs and OAuth JWT assertions. */
    public void trustServiceAccount(String email, PublicKey key) {
        signedUrls.trust(email, key);
    }

    /** The bytes of a live object, if any. */
    public Optional<byte[]> objectBytes(String bucket, String name) {
        return Optional.ofNullable(store.find(bucket, name)).map(o -> o.data().clone());
    }

    /** The live objects' names in a bucket, in listing order. */
    public List<String> objectNames(String bucket) {
        return List.copyOf(store.bucket(bucket).objects.keySet());
    }

    /** Resumable upload sessions started and neither finished nor cancelled. */
    public int openUploadSessions() {
        return uploads.openSessions();
    }

    /** The requests served so far (the last 50,000), as {@code METHOD /path?query}. */
    public List<String> requestLog() {
        logLock.lock();
        try {
            return List.copyOf(requestLog);
        } finally {
            logLock.unlock();
        }
    }

    /** Empties the request log. */
    public void clearRequestLog() {
        logLock.lock();
        try {
            requestLog.clear();
        } finally {
            logLock.unlock();
        }
    }

    private void log(String line) {
        logLock.lock();
        try {
            if (requestLog.size() == LOG_LIMIT) {
                requestLog.removeFirst();
            }
            requestLog.addLast(line);
        } finally {
            logLock.unlock();
        }
    }

    /** The next {@code count} API requests answer {@code status} with a JSON error body. */
    public void failNext(int count, int status) {
        faultStatus.set(status);
        faultsLeft.set(count);
    }

    /**
     * The next {@code count} media downloads flip one byte of the body but keep the true
     * {@code x-goog-hash}: what a corrupting network would do.
     */
    public void corruptNextDownloads(int count) {
        corruptDownloads.set(count);
    }

    /**
     * The next {@code count} uploads store their bytes with one byte flipped after checking the
     * declared checksums: what a faulty server would do; the stored CRC32C is then that of the
     * corrupted bytes.
     */
    public void corruptNextUploads(int count) {
        corruptUploads.set(count);
    }

    /** Bytes an objects.rewrite call copies before answering {@code done=false} with a token (default 1 MiB). */
    public void rewriteBytesPerCall(long bytes) {
        this.rewriteBytesPerCall = bytes;
    }

    long rewriteBytesPerCall() {
        return rewriteBytesPerCall;
    }

    /** Moves the emulator's clock (for expiry tests). */
    public void advanceClock(Duration by) {
        clockOffsetMillis.addAndGet(by.toMillis());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Percent-encodes a path segment the way Google's clients do (RFC 3986 unreserved kept). */
    static String encodeSegment(String s) {
        return SignedUrls.rfc3986(s);
    }

    // ---- HTTP plumbing ------------------------------------------------------------------------

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            // Google's clients gzip request bodies (Content-Encoding: gzip), which GCS accepts
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                try (InputStream gz = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
                    body = gz.readAllBytes();
                }
                headers.keySet().removeIf(h -> h.equalsIgnoreCase("Content-Encoding"));
            }
            EmulatorRequest req = new EmulatorRequest(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(),
                    headers, body);
            log(req.method + " " + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
            EmulatorResponse resp = dispatch(req, true);
            if ((resp.status == 200 || resp.status == 206) && resp.headers.containsKey("x-goog-hash")
                    && resp.body.length > 0 && corruptDownloads.get() > 0 && corruptDownloads.getAndDecrement() > 0) {
                resp.body = resp.body.clone();
                resp.body[resp.body.length / 2] ^= 0x5a;
            }
            resp.headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            boolean noBody = resp.body.length == 0 || req.method.equals("HEAD");
            long length = noBody ? -1 : resp.body.length;
            if (req.method.equals("HEAD") && resp.body.length > 0) {
                exchange.getResponseHeaders().set("Content-Length", Integer.toString(resp.body.length));
            }
            exchange.sendResponseHeaders(resp.status, length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(resp.body);
                }
            }
        }
    }

    EmulatorResponse dispatch(EmulatorRequest req, boolean topLevel) {
        try {
            List<String> s = req.segments;
            String first = s.isEmpty() ? "" : s.get(0);
            if (first.equals("token") && req.method.equals("POST")) {
                return tokens.token(req);
            }
            if (faultsLeft.get() > 0 && faultsLeft.getAndDecrement() > 0) {
                int status = faultStatus.get();
                return new ApiError(status, status == 429 ? "rateLimitExceeded" : "backendError",
                        status == 429 ? "The rate of change requests to the object is too high." : "Backend Error")
                        .toResponse();
            }
            if (first.equals("batch") && topLevel && req.method.equals("POST")) {
                tokens.authorize(req);
                return batch(req);
            }
            if (first.equals("storage") && "v1".equals(req.segment(1))) {
                tokens.authorize(req);
                return jsonApi.handle(req, s.subList(2, s.size()));
            }
            if ((first.equals("upload") || first.equals("download")) && "storage".equals(req.segment(1))
                    && "v1".equals(req.segment(2))) {
                tokens.authorize(req);
                List<String> rest = s.subList(3, s.size());
                if (first.equals("upload")) {
                    return uploads.handle(req, rest);
                }
                if (rest.size() == 4 && rest.get(0).equals("b") && rest.get(2).equals("o") && req.method.equals("GET")) {
                    return jsonApi.download(req, rest.get(1), rest.get(3));
                }
                throw new ApiError(404, "notFound", "Not Found");
            }
            if (SignedUrls.isSigned(req)) {
                return signedUrls.handle(req);
            }
            return SignedUrls.xmlError(403, "AccessDenied", "Anonymous caller does not have storage.objects.get access.");
        } catch (ApiError e) {
            return e.toResponse();
        } catch (RuntimeException e) {
            return new ApiError(500, "backendError", "Internal error: " + e).toResponse();
        }
    }

    /** {@code multipart/mixed} batches: each part is one HTTP request, answered in a part of the reply. */
    private EmulatorResponse batch(EmulatorRequest req) {
        List<Multipart.Part> parts = Multipart.parse(req.body, Multipart.boundary(req.header("content-type")));
        if (parts.size() > 100) {
            throw ApiError.badRequest("A batch request may contain at most 100 calls.");
        }
        String boundary = "batch_" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Multipart.Part part : parts) {
            EmulatorResponse r = dispatch(parseInner(part.body()), false);
            String id = part.header("content-id");
            StringBuilder head = new StringBuilder();
            head.append("--").append(boundary).append("\r\n");
            head.append("Content-Type: application/http\r\n");
            if (id != null) {
                String bare = id.replaceAll("^<|>$", "");
                head.append("Content-ID: <response-").append(bare).append(">\r\n");
            }
            head.append("\r\n");
            head.append("HTTP/1.1 ").append(r.status).append(' ').append(EmulatorResponse.reasonPhrase(r.status))
                    .append("\r\n");
            r.headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            head.append("Content-Length: ").append(r.body.length).append("\r\n\r\n");
            out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(r.body);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        EmulatorResponse resp = new EmulatorResponse(200);
        resp.header("Content-Type", "multipart/mixed; boundary=" + boundary);
        resp.body = out.toByteArray();
        return resp;
    }

    private static EmulatorRequest parseInner(byte[] http) {
        int split = Multipart.indexOf(http, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
        String head = new String(http, 0, split < 0 ? http.length : split, StandardCharsets.UTF_8);
        byte[] body = split < 0 ? new byte[0] : java.util.Arrays.copyOfRange(http, split + 4, http.length);
        String[] lines = head.split("\r\n");
        String[] requestLine = lines[0].split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).strip(), lines[i].substring(colon + 1).strip());
            }
        }
        URI target = URI.create(requestLine[1]);
        return new EmulatorRequest(requestLine[0], target.getRawPath(), target.getRawQuery(), headers, body);
    }
}
