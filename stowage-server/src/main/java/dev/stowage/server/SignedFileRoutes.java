package dev.stowage.server;

import dev.stowage.Storage;
import dev.stowage.Stowage;
import dev.stowage.spi.StorageDriver;
import dev.stowage.url.SelfServed;
import dev.stowage.url.SignatureRejectedException;
import dev.stowage.url.SignedRequest;
import dev.stowage.url.UrlSigner;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Answers {@code GET/HEAD/PUT /files/{disk}/{key}?X-Stowage-…}: the signed URLs that memory and
 * local disks hand out. Rejections are 403 with the reason, never the secret.
 */
final class SignedFileRoutes {
    private static final String BASE = "/files/";

    private final DiskDirectory disks;
    private final ObjectExchange exchange;
    private final Function<String, DiskPolicy> policies;
    private final Map<String, Storage> drivers = new java.util.concurrent.ConcurrentHashMap<>();

    SignedFileRoutes(DiskDirectory disks, ObjectExchange exchange, Function<String, DiskPolicy> policies) {
        this.disks = disks;
        this.exchange = exchange;
        this.policies = policies;
    }

    void register(HttpRouting.Builder routing) {
        routing.any("/files/*", this::handle);
    }

    private void handle(ServerRequest req, ServerResponse res) {
        List<String> parts = PathParts.split(req.path().rawPath(), BASE, 1);
        String diskName = parts.get(0);
        String key = parts.get(1);
        Storage storage = diskName == null ? null : disks.disk(diskName).orElse(null);
        if (storage == null || key == null) {
            HttpErrors.send(res, Status.NOT_FOUND_404, "NotFound", "no such disk or key");
            return;
        }
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
            HttpErrors.send(res, Status.NOT_FOUND_404, "NotSigned",
                    "disk '" + diskName + "' has no signing secret, so it serves no signed URLs");
            return;
        }
        Method method = req.prologue().method();
        SignedRequest signed;
        try {
            signed = signer.verify(method.text(), diskName, key, UrlSigner.parseQuery(req.query().rawValue()));
        } catch (SignatureRejectedException e) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", "SignatureRejected");
            body.put("reason", e.rejection().name());
            body.put("message", e.getMessage());
            res.status(Status.FORBIDDEN_403);
            res.header(HeaderNames.CONTENT_TYPE, "application/json");
            res.send(Json.write(body));
            return;
        }
        if (method == Method.PUT) {
            exchange.write(req, res, storage, key, policies.apply(diskName), signed.contentType());
        } else {
            exchange.read(req, res, storage, key, signed.downloadName());
        }
    }
}
