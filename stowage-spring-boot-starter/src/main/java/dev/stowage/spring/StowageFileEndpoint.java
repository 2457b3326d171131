package dev.stowage.spring;

import dev.stowage.ByteRange;
import dev.stowage.Content;
import dev.stowage.ContentTooLargeException;
import dev.stowage.ETags;
import dev.stowage.InvalidKeyException;
import dev.stowage.ObjectInfo;
import dev.stowage.ObjectNotFoundException;
import dev.stowage.PutOptions;
import dev.stowage.Storage;
import dev.stowage.Stowage;
import dev.stowage.spi.StorageDriver;
import dev.stowage.StorageException;
import dev.stowage.config.StorageManager;
import dev.stowage.url.HttpRange;
import dev.stowage.url.SelfServed;
import dev.stowage.url.SignatureRejectedException;
import dev.stowage.url.SignedRequest;
import dev.stowage.url.UrlEncoding;
import dev.stowage.url.UrlSigner;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.web.HttpRequestHandler;

/**
 * Answers the signed URLs of memory and local disks inside a Spring MVC application, with the
 * same semantics as {@code stowage serve}: {@code GET/HEAD/PUT {path}/{disk}/{key}?X-Stowage-…},
 * verified with the disk's own signer (expiry, method, tampering → 403 with the reason, never the
 * secret), single byte ranges (206/416), {@code ETag}/{@code If-None-Match} (304), download names.
 */
public final class StowageFileEndpoint implements HttpRequestHandler {
    private final StorageManager manager;
    private final String path;
    private final long maxUploadSize;
    private final java.util.Map<String, Storage> drivers = new java.util.concurrent.ConcurrentHashMap<>();

    public StowageFileEndpoint(StorageManager manager, String path, long maxUploadSize) {
        this.manager = manager;
        this.path = path.endsWith("/") ? path : path + "/";
        this.maxUploadSize = maxUploadSize;
    }

    @Override
    public void handleRequest(HttpServletRequest req, HttpServletResponse res) throws IOException {
        String raw = req.getRequestURI().substring(req.getContextPath().length());
        if (!raw.startsWith(path)) {
            error(res, 404, "NotFound", "not a file URL");
            return;
        }
        String rest = raw.substring(path.length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            error(res, 404, "NotFound", "no such disk or key");
            return;
        }
        String diskName = UrlEncoding.decode(rest.substring(0, slash));
        String key = UrlEncoding.decode(rest.substring(slash + 1));
        if (!manager.names().contains(diskName)) {
            error(res, 404, "NoSuchDisk", "no disk named '" + diskName + "'");
            return;
        }
        Storage storage = manager.disk(diskName);
        UrlSigner signer = null;
        try {
            SelfServed served = storage.unwrap(SelfServed.class);
            signer = served.servedUrls().signer();
            // Signed URLs name the driver's own key (a disk prefix included): serve them from the
            // driver itself, not through the prefix layer that would apply the prefix twice.
            if (served instanceof StorageDriver driver) {
                storage = drivers.computeIfAbsent(diskName, n -> Stowage.wrap(driver));
            }
        } catch (IllegalArgumentException notSelfServed) {
            signer = null;
        }
        if (signer == null) {
            error(res, 404, "NotSigned", "disk '" + diskName + "' serves no signed URLs");
            return;
        }
        SignedRequest signed;
        try {
            signed = signer.verify(req.getMethod(), diskName, key, UrlSigner.parseQuery(req.getQueryString()));
        } catch (SignatureRejectedException e) {
            res.setStatus(403);
            res.setContentType("application/json");
            res.getOutputStream().write(("{\"error\":\"SignatureRejected\",\"reason\":\"" + e.rejection().name()
                    + "\",\"message\":\"" + json(e.getMessage()) + "\"}").getBytes(StandardCharsets.UTF_8));
            return;
        }
        try {
            if ("PUT".equals(req.getMethod())) {
                upload(req, res, storage, key, signed);
            } else {
                download(req, res, storage, key, signed);
            }
        } catch (ObjectNotFoundException e) {
            error(res, 404, "ObjectNotFoundException", e.getMessage());
        } catch (InvalidKeyException e) {
            error(res, 400, "InvalidKeyException", e.getMessage());
        } catch (ContentTooLargeException e) {
            error(res, 413, "ContentTooLargeException", e.getMessage());
        } catch (StorageException e) {
            error(res, e.retryable() ? 503 : 500, e.getClass().getSimpleName(), e.getMessage());
        }
    }

    private void download(HttpServletRequest req, HttpServletResponse res, Storage storage, String key,
            SignedRequest signed) throws IOException {
        ObjectInfo info = storage.stat(key);
        res.setHeader("Accept-Ranges", "bytes");
        if (info.etag() != null) {
            res.setHeader("ETag", ETags.quote(info.etag()));
        }
        if (info.lastModified() != null) {
            res.setHeader("Last-Modified",
                    DateTimeFormatter.RFC_1123_DATE_TIME.format(info.lastModified().atZone(ZoneOffset.UTC)));
        }
        if (signed.downloadName() != null) {
            res.setHeader("Content-Disposition", "attachment; filename=\"" + signed.downloadName()
                    .replaceAll("[^\\x20-\\x7e]|[\"\\\\]", "_") + "\"; filename*=UTF-8''"
                    + UrlEncoding.encodeQuery(signed.downloadName()));
        } else if (info.contentDisposition() != null) {
            res.setHeader("Content-Disposition", info.contentDisposition());
        }
        String ifNoneMatch = req.getHeader("If-None-Match");
        if (ifNoneMatch != null && info.etag() != null && (ifNoneMatch.strip().equals("*")
                || java.util.Arrays.stream(ifNoneMatch.split(",")).map(ETags::unquote).anyMatch(info.etag()::equals))) {
            res.setStatus(304);
            return;
        }
        res.setContentType(info.contentType());
        HttpRange.Outcome outcome = HttpRange.parse(req.getHeader("Range"), info.size());
        long length;
        ByteRange range;
        switch (outcome) {
            case HttpRange.Unsatisfiable u -> {
                res.setStatus(416);
                res.setHeader("Content-Range", "bytes */" + info.size());
                res.setContentLengthLong(0);
                return;
            }
            case HttpRange.Partial p -> {
                res.setStatus(206);
                res.setHeader("Content-Range", "bytes " + p.first() + "-" + p.last() + "/" + info.size());
                length = p.length();
                range = p.range();
            }
            case HttpRange.Whole w -> {
                res.setStatus(200);
                length = info.size();
                range = ByteRange.ALL;
            }
        }
        res.setContentLengthLong(length);
        if ("HEAD".equals(req.getMethod())) {
            return;
        }
        try (InputStream in = storage.open(key, range); OutputStream out = res.getOutputStream()) {
            in.transferTo(out);
        }
    }

    private void upload(HttpServletRequest req, HttpServletResponse res, Storage storage, String key,
            SignedRequest signed) throws IOException {
        String type = req.getContentType();
        if (signed.contentType() != null && !signed.contentType().equalsIgnoreCase(type)) {
            error(res, 403, "WrongContentType", "this URL is signed for uploads of type " + signed.contentType());
            return;
        }
        long length = req.getContentLengthLong();
        PutOptions.Builder options = PutOptions.builder().contentType(type);
        if (maxUploadSize >= 0) {
            options.maxSize(maxUploadSize);
        }
        ObjectInfo info = storage.put(key, Content.of(req.getInputStream(), length), options.build());
        res.setStatus(201);
        if (info.etag() != null) {
            res.setHeader("ETag", ETags.quote(info.etag()));
        }
    }

    private static void error(HttpServletResponse res, int status, String error, String message) throws IOException {
        res.setStatus(status);
        res.setContentType("application/json");
        res.getOutputStream().write(("{\"error\":\"" + error + "\",\"message\":\"" + json(message) + "\"}")
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String json(String s) {
        return s == null ? "" : s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
