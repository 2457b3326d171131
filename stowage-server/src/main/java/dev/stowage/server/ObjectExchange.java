package dev.stowage.server;

import dev.stowage.ByteRange;
import dev.stowage.ContentTypes;
import dev.stowage.Content;
import dev.stowage.ContentTooLargeException;
import dev.stowage.ETags;
import dev.stowage.ObjectInfo;
import dev.stowage.Operation;
import dev.stowage.PutOptions;
import dev.stowage.Storage;
import dev.stowage.url.HttpRange;
import dev.stowage.url.UrlEncoding;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Streams one object over HTTP in either direction, with the HTTP semantics users expect:
 * {@code Range}/206/416, {@code ETag} and {@code If-None-Match}/304 on reads; size and type limits,
 * {@code If-None-Match: *} and {@code If-Match} on writes. Shared by the REST API and signed URLs.
 */
final class ObjectExchange {
    /** Request headers carrying user metadata: {@code X-Stowage-Meta-<name>: value}. */
    static final String META_PREFIX = "x-stowage-meta-";


    /** Answers GET or HEAD for {@code key}; {@code downloadName} forces an attachment name. */
    void read(ServerRequest req, ServerResponse res, Storage storage, String key, String downloadName) {
        ObjectInfo info = storage.stat(key);
        String etag = info.etag() == null ? null : ETags.quote(info.etag());
        res.header(HeaderNames.ACCEPT_RANGES, "bytes");
        if (etag != null) {
            res.header(HeaderNames.ETAG, etag);
        }
        if (info.lastModified() != null) {
            res.header(HeaderNames.LAST_MODIFIED,
                    DateTimeFormatter.RFC_1123_DATE_TIME.format(info.lastModified().atZone(ZoneOffset.UTC)));
        }
        if (info.cacheControl() != null) {
            res.header(HeaderNames.CACHE_CONTROL, info.cacheControl());
        }
        String disposition = downloadName != null ? attachment(downloadName) : info.contentDisposition();
        if (disposition != null) {
            res.header(HeaderNames.CONTENT_DISPOSITION, disposition);
        }
        String ifNoneMatch = req.headers().first(HeaderNames.IF_NONE_MATCH).orElse(null);
        if (etag != null && ifNoneMatch != null && matches(ifNoneMatch, info.etag())) {
            res.status(Status.NOT_MODIFIED_304);
            res.send();
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, info.contentType());
        HttpRange.Outcome outcome = HttpRange.parse(req.headers().first(HeaderNames.RANGE).orElse(null),
                info.size());
        boolean head = req.prologue().method() == Method.HEAD;
        switch (outcome) {
            case HttpRange.Unsatisfiable u -> {
                res.status(Status.REQUESTED_RANGE_NOT_SATISFIABLE_416);
                res.header(HeaderNames.CONTENT_RANGE, "bytes */" + info.size());
                res.headers().contentLength(0);
                res.send();
            }
            case HttpRange.Partial p -> {
                res.status(Status.PARTIAL_CONTENT_206);
                res.header(HeaderNames.CONTENT_RANGE, "bytes " + p.first() + "-" + p.last() + "/" + info.size());
                stream(res, head, p.length(), () -> storage.open(key, p.range()));
            }
            case HttpRange.Whole w -> {
                res.status(Status.OK_200);
                stream(res, head, info.size(), () -> storage.open(key, ByteRange.ALL));
            }
        }
    }

    private interface Opener {
        InputStream open();
    }

    private static void stream(ServerResponse res, boolean head, long length, Opener opener) {
        res.headers().contentLength(length);
        if (head) {
            res.send();
            return;
        }
        try (InputStream in = opener.open(); OutputStream out = res.outputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stores the request body under {@code key}.
     *
     * @param requiredType for signed PUTs, the content type the URL was signed for; else {@code null}
     */
    void write(ServerRequest req, ServerResponse res, Storage storage, String key, DiskPolicy policy,
            String requiredType) {
        String contentType = req.headers().first(HeaderNames.CONTENT_TYPE).orElse(null);
        if (requiredType != null && !requiredType.equalsIgnoreCase(contentType)) {
            HttpErrors.send(res, Status.FORBIDDEN_403, "WrongContentType",
                    "this URL is signed for uploads of type " + requiredType);
            return;
        }
        String effectiveType = contentType != null ? contentType : ContentTypes.fromKey(key);
        if (!policy.allows(effectiveType)) {
            HttpErrors.send(res, Status.UNSUPPORTED_MEDIA_TYPE_415, "UnsupportedMediaType",
                    "disk '" + storage.name() + "' does not accept uploads of type "
                            + (effectiveType == null ? "(none given)" : effectiveType) + "; allowed: "
                            + String.join(", ", policy.allowedContentTypes()));
            return;
        }
        long length = req.headers().contentLength().orElse(-1);
        if (policy.maxUploadSize() >= 0 && length > policy.maxUploadSize()) {
            throw new ContentTooLargeException(storage.name(), Operation.WRITE, key,
                    "upload of " + length + " bytes exceeds the disk's limit of " + policy.maxUploadSize()
                            + " bytes; nothing was stored", null);
        }
        PutOptions.Builder options = PutOptions.builder().contentType(contentType);
        if (policy.maxUploadSize() >= 0) {
            options.maxSize(policy.maxUploadSize());
        }
        for (Header h : req.headers()) {
            String name = h.name().toLowerCase(Locale.ROOT);
            if (name.startsWith(META_PREFIX)) {
                options.metadata(name.substring(META_PREFIX.length()).replace('-', '_'), h.get());
            }
        }
        req.headers().first(HeaderNames.CONTENT_DISPOSITION).ifPresent(options::contentDisposition);
        req.headers().first(HeaderNames.create("X-Stowage-Cache-Control")).ifPresent(options::cacheControl);
        String ifNoneMatch = req.headers().first(HeaderNames.IF_NONE_MATCH).orElse(null);
        if ("*".equals(ifNoneMatch == null ? null : ifNoneMatch.strip())) {
            options.ifNoneMatch();
        }
        req.headers().first(HeaderNames.IF_MATCH).ifPresent(options::ifMatch);
        PutOptions built;
        try {
            built = options.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            HttpErrors.send(res, Status.BAD_REQUEST_400, "InvalidRequest", e.getMessage());
            return;
        }
        ObjectInfo info = storage.put(key, Content.of(req.content().inputStream(), length), built);
        res.status(Status.CREATED_201);
        if (info.etag() != null) {
            res.header(HeaderNames.ETAG, ETags.quote(info.etag()));
        }
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.write(Json.object(info)));
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.strip();
            if (c.equals("*") || ETags.unquote(c).equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /** {@code attachment; filename="ascii"; filename*=UTF-8''encoded} (RFC 6266). */
    static String attachment(String name) {
        StringBuilder ascii = new StringBuilder();
        for (char c : name.toCharArray()) {
            ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '_');
        }
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + UrlEncoding.encodeQuery(name);
    }
}
