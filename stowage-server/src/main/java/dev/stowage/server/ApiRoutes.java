package dev.stowage.server;

import dev.stowage.Capability;
import dev.stowage.ListRequest;
import dev.stowage.ObjectInfo;
import dev.stowage.Operation;
import dev.stowage.Page;
import dev.stowage.SignedUrlOptions;
import dev.stowage.Storage;
import dev.stowage.url.UrlSigner;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/** The REST API under {@code /api/disks}; see docs/server.md and openapi.yaml. */
final class ApiRoutes {
    private static final String BASE = "/api/disks/";

    private final DiskDirectory disks;
    private final ObjectExchange exchange;
    private final Function<String, DiskPolicy> policies;

    ApiRoutes(DiskDirectory disks, ObjectExchange exchange, Function<String, DiskPolicy> policies) {
        this.disks = disks;
        this.exchange = exchange;
        this.policies = policies;
    }

    void register(HttpRouting.Builder routing) {
        routing.get("/api/disks", this::listDisks);
        routing.any("/api/disks/*", this::route);
    }

    private void listDisks(ServerRequest req, ServerResponse res) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String name : disks.names()) {
            disks.disk(name).ifPresent(s -> out.add(describe(name, s)));
        }
        json(res, Status.OK_200, out);
    }

    private Map<String, Object> describe(String name, Storage storage) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("default", name.equals(disks.defaultName()));
        m.put("capabilities", storage.capabilities().supported().stream().map(Capability::name).sorted().toList());
        DiskPolicy policy = policies.apply(name);
        m.put("maxUploadSize", policy.maxUploadSize());
        m.put("allowedContentTypes", policy.allowedContentTypes());
        return m;
    }

    private void route(ServerRequest req, ServerResponse res) {
        List<String> parts = PathParts.split(req.path().rawPath(), BASE, 2);
        String diskName = parts.get(0);
        String section = parts.get(1);
        String key = parts.get(2);
        Storage storage = diskName == null ? null : disks.disk(diskName).orElse(null);
        if (storage == null) {
            HttpErrors.send(res, Status.NOT_FOUND_404, "NoSuchDisk", "no disk named '" + diskName + "'");
            return;
        }
        Method method = req.prologue().method();
        if (section == null) {
            if (method == Method.GET) {
                json(res, Status.OK_200, describe(diskName, storage));
            } else {
                notAllowed(res, method);
            }
            return;
        }
        switch (section) {
            case "objects" -> objects(req, res, storage, key, method);
            case "copy" -> copy(req, res, storage, method);
            case "signed-urls" -> sign(req, res, storage, method);
            default -> HttpErrors.send(res, Status.NOT_FOUND_404, "NotFound", "no such resource: " + section);
        }
    }

    private void objects(ServerRequest req, ServerResponse res, Storage storage, String key, Method method) {
        Map<String, String> query = UrlSigner.parseQuery(req.query().rawValue());
        if (key == null) {
            if (method != Method.GET) {
                notAllowed(res, method);
                return;
            }
            ListRequest request = new ListRequest(query.getOrDefault("prefix", ""),
                    "true".equals(query.get("recursive")) ? null : query.getOrDefault("delimiter", "/"),
                    Integer.parseInt(query.getOrDefault("limit", "1000")), query.get("cursor"));
            Page page = storage.list(request);
            json(res, Status.OK_200, Json.page(page));
            return;
        }
        if (method == Method.GET || method == Method.HEAD) {
            String download = query.get("download");
            exchange.read(req, res, storage, key, download == null || download.isEmpty() ? null : download);
        } else if (method == Method.PUT) {
            exchange.write(req, res, storage, key, policies.apply(storage.name()), null);
        } else if (method == Method.DELETE) {
            boolean existed = storage.delete(key);
            if (existed) {
                res.status(Status.NO_CONTENT_204);
                res.send();
            } else {
                HttpErrors.send(res, Status.NOT_FOUND_404, "ObjectNotFoundException",
                        Operation.DELETE.label() + " of '" + key + "' on disk '" + storage.name()
                                + "' failed: object not found");
            }
        } else {
            notAllowed(res, method);
        }
    }

    private void copy(ServerRequest req, ServerResponse res, Storage storage, Method method) {
        if (method != Method.POST) {
            notAllowed(res, method);
            return;
        }
        JsonNode body = Json.read(req.content().inputStream());
        String from = Json.text(body, "from");
        String to = Json.text(body, "to");
        if (from == null || to == null) {
            HttpErrors.send(res, Status.BAD_REQUEST_400, "InvalidRequest", "body needs \"from\" and \"to\" keys");
            return;
        }
        boolean move = body.has("move") && body.get("move").asBoolean();
        ObjectInfo info = move ? storage.move(from, to) : storage.copy(from, to);
        json(res, Status.OK_200, Json.object(info));
    }

    private void sign(ServerRequest req, ServerResponse res, Storage storage, Method method) {
        if (method != Method.POST) {
            notAllowed(res, method);
            return;
        }
        JsonNode body = Json.read(req.content().inputStream());
        String key = Json.text(body, "key");
        if (key == null) {
            HttpErrors.send(res, Status.BAD_REQUEST_400, "InvalidRequest", "body needs a \"key\"");
            return;
        }
        String m = Json.text(body, "method");
        long seconds = body.has("expiresInSeconds") ? body.get("expiresInSeconds").asLong() : 900;
        SignedUrlOptions options = "PUT".equalsIgnoreCase(m) ? SignedUrlOptions.put(Duration.ofSeconds(seconds))
                : SignedUrlOptions.get(Duration.ofSeconds(seconds));
        String downloadName = Json.text(body, "downloadName");
        String contentType = Json.text(body, "contentType");
        if (downloadName != null) {
            options = options.download(downloadName);
        }
        if (contentType != null) {
            options = options.contentType(contentType);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("url", storage.signedUrl(key, options).toString());
        out.put("method", options.method().name());
        out.put("expiresInSeconds", seconds);
        json(res, Status.OK_200, out);
    }

    private static void notAllowed(ServerResponse res, Method method) {
        HttpErrors.send(res, Status.METHOD_NOT_ALLOWED_405, "MethodNotAllowed", method.text() + " is not allowed here");
    }

    private static void json(ServerResponse res, Status status, Object body) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.write(body));
    }
}
