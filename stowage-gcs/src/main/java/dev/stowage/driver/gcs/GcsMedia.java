package dev.stowage.driver.gcs;

import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpContent;
import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpRequestFactory;
import com.google.api.client.http.HttpResponse;
import com.google.api.client.http.HttpResponseException;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.gax.retrying.RetrySettings;
import com.google.api.services.storage.model.StorageObject;
import com.google.cloud.http.HttpTransportOptions;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Single-request uploads and media downloads ({@code objects.get?alt=media}) sent through the client's own HTTP transport,
 * credentials and headers, so that the response headers reach the driver: GCS answers every media
 * download with the object's generation ({@code x-goog-generation}) and its stored CRC32C
 * ({@code x-goog-hash: crc32c=...}), see
 * <a href="https://cloud.google.com/storage/docs/xml-api/reference-headers#xgooghash">x-goog-hash</a> and
 * <a href="https://cloud.google.com/storage/docs/xml-api/reference-headers#xgooggeneration">x-goog-generation</a>.
 * The client's {@code ReadChannel} keeps both to itself, which cost a verified read a metadata
 * request of its own.
 *
 * <p>Opening retries what the client would retry (408, 429, 5xx, network failures) with the client's
 * backoff, up to the disk's {@code max-attempts}.
 */
final class GcsMedia {
    private final HttpRequestFactory requests;
    private static final GsonFactory JSON = GsonFactory.getDefaultInstance();

    private final String base;
    private final String uploadBase;
    private final RetrySettings retry;

    /** Single-request uploads: {@code uploadType=multipart} (JSON metadata, then the bytes) with a fixed length. */
    StorageObject upload(StorageObject metadata, byte[] bytes, Long ifGenerationMatch) throws IOException {
        GenericUrl url = new GenericUrl(uploadBase + "?uploadType=multipart"
                + (ifGenerationMatch == null ? "" : "&ifGenerationMatch=" + ifGenerationMatch));
        byte[] json = JSON.toByteArray(metadata);
        String boundary = "stowage_" + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong());
        byte[] head = ("--" + boundary + "\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] middle = ("\r\n--" + boundary + "\r\nContent-Type: "
                + (metadata.getContentType() == null ? "application/octet-stream" : metadata.getContentType())
                + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        HttpContent body = new Body("multipart/related; boundary=" + boundary, head, json, middle, bytes, tail);
        long delay = retry.getInitialRetryDelayDuration().toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                HttpRequest request = requests.buildPostRequest(url, body);
                request.setParser(JSON.createJsonObjectParser());
                HttpResponse response = request.execute();
                return response.parseAs(StorageObject.class); // parses and closes: the connection stays pooled
            } catch (IOException e) {
                // without a generation precondition a retry could overwrite a newer write: not idempotent
                if (ifGenerationMatch == null || attempt >= retry.getMaxAttempts() || !retryable(e)) {
                    if (e instanceof HttpResponseException h) {
                        throw com.google.cloud.storage.StorageException.translate(h);
                    }
                    throw e;
                }
            }
            sleep(delay);
            delay = Math.min((long) (delay * retry.getRetryDelayMultiplier()), retry.getMaxRetryDelayDuration().toMillis());
        }
    }

    /** A request body of known length written from a few arrays, without copying them together. */
    private record Body(String type, byte[]... parts) implements HttpContent {
        @Override
        public long getLength() {
            long n = 0;
            for (byte[] p : parts) {
                n += p.length;
            }
            return n;
        }

        @Override
        public String getType() {
            return type;
        }

        @Override
        public boolean retrySupported() {
            return true;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            for (byte[] p : parts) {
                out.write(p);
            }
            out.flush();
        }
    }

    GcsMedia(Storage storage, String bucket) {
        StorageOptions options = storage.getOptions();
        HttpTransportOptions transport = (HttpTransportOptions) options.getTransportOptions();
        this.requests = transport.getHttpTransportFactory().create()
                .createRequestFactory(transport.getHttpRequestInitializer(options));
        String host = options.getHost().replaceAll("/+$", "");
        this.base = host + "/download/storage/v1/b/" + encode(bucket) + "/o/";
        this.uploadBase = host + "/upload/storage/v1/b/" + encode(bucket) + "/o";
        this.retry = options.getRetrySettings();
    }

    /** An open media response: its body and what its headers say of the object. */
    record Response(int status, InputStream body, long generation, String crc32c, long storedLength,
            boolean transcoded, long first, long endExclusive) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    /**
     * Opens a download of {@code name}, of that {@code generation} when not {@code null}, with this
     * {@code Range} header when not {@code null}. Throws the client's exception (or an
     * {@link IOException}) when GCS answers an error, 416 included.
     */
    Response open(String name, Long generation, String range) throws IOException {
        GenericUrl url = new GenericUrl(base + encode(name) + "?alt=media"
                + (generation == null ? "" : "&generation=" + generation));
        long delay = retry.getInitialRetryDelayDuration().toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                return send(url, range);
            } catch (IOException e) {
                if (attempt >= retry.getMaxAttempts() || !retryable(e)) {
                    if (e instanceof HttpResponseException h) {
                        throw com.google.cloud.storage.StorageException.translate(h);
                    }
                    throw e;
                }
            }
            sleep(delay);
            delay = Math.min((long) (delay * retry.getRetryDelayMultiplier()), retry.getMaxRetryDelayDuration().toMillis());
        }
    }

    private Response send(GenericUrl url, String range) throws IOException {
        HttpRequest request = requests.buildGetRequest(url);
        // the bytes as stored: GCS would otherwise gunzip objects stored gzipped, and their CRC32C is of the stored bytes
        request.setResponseReturnRawInputStream(true);
        request.getHeaders().setAcceptEncoding("gzip");
        if (range != null) {
            request.getHeaders().setRange(range);
        }
        HttpResponse response = request.execute();
        HttpHeaders h = response.getHeaders();
        String stored = first(h, "x-goog-stored-content-length");
        String storedEncoding = first(h, "x-goog-stored-content-encoding");
        String encoding = h.getContentEncoding();
        boolean transcoded = storedEncoding != null && !storedEncoding.equalsIgnoreCase("identity")
                && (encoding == null || !encoding.equalsIgnoreCase(storedEncoding));
        String generation = first(h, "x-goog-generation");
        long first = 0;
        long endExclusive = -1;
        String contentRange = h.getContentRange();
        if (response.getStatusCode() == 206 && contentRange != null && contentRange.startsWith("bytes ")) {
            // bytes FIRST-LAST/TOTAL: where a resumed request has to start again
            int dash = contentRange.indexOf('-');
            int slash = contentRange.indexOf('/');
            if (dash > 6 && slash > dash) {
                first = Long.parseLong(contentRange.substring(6, dash).strip());
                endExclusive = Long.parseLong(contentRange.substring(dash + 1, slash).strip()) + 1;
            }
        }
        InputStream body = response.getContent();
        return new Response(response.getStatusCode(), body == null ? InputStream.nullInputStream() : body,
                generation == null ? -1 : Long.parseLong(generation), crc32c(h),
                stored == null ? -1 : Long.parseLong(stored), transcoded, first, endExclusive);
    }

    /** The {@code crc32c} of the {@code x-goog-hash} headers (several, or one with a comma list), or {@code null}. */
    static String crc32c(HttpHeaders headers) {
        List<String> values = headers.getHeaderStringValues("x-goog-hash");
        for (String value : values) {
            for (String part : value.split(",")) {
                String p = part.strip();
                if (p.regionMatches(true, 0, "crc32c=", 0, 7)) {
                    return p.substring(7);
                }
            }
        }
        return null;
    }

    private static String first(HttpHeaders headers, String name) {
        return headers.getFirstHeaderStringValue(name);
    }

    static boolean retryable(IOException e) {
        if (e instanceof HttpResponseException h) {
            int code = h.getStatusCode();
            return code == 408 || code == 429 || code == 500 || code == 502 || code == 503 || code == 504;
        }
        return !(e instanceof InterruptedIOException) || e instanceof java.net.SocketTimeoutException;
    }

    private static void sleep(long millis) throws InterruptedIOException {
        try {
            Thread.sleep(Duration.ofMillis(Math.max(0, millis)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry a GCS download");
        }
    }

    /** Percent-encodes a path segment: everything but unreserved characters, {@code /} included. */
    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }
}
