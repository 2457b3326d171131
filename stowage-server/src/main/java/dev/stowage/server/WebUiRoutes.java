package dev.stowage.server;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** The browser UI: one page and its assets, served from the jar (no CDN). */
final class WebUiRoutes {
    private static final String ROOT = "/dev/stowage/server/web/";
    private static final Map<String, String> ASSETS = Map.of(
            "app.js", "text/javascript; charset=utf-8",
            "app.css", "text/css; charset=utf-8");

    void register(HttpRouting.Builder routing) {
        routing.get("/", (req, res) -> send(res, "index.html", "text/html; charset=utf-8"));
        routing.get("/assets/{file}", this::asset);
    }

    private void asset(ServerRequest req, ServerResponse res) {
        String file = req.path().pathParameters().get("file");
        String type = ASSETS.get(file);
        if (type == null) {
            HttpErrors.send(res, Status.NOT_FOUND_404, "NotFound", "no such asset");
            return;
        }
        send(res, file, type);
    }

    private static void send(ServerResponse res, String file, String type) {
        try (InputStream in = WebUiRoutes.class.getResourceAsStream(ROOT + file)) {
            if (in == null) {
                HttpErrors.send(res, Status.NOT_FOUND_404, "NotFound", "asset missing from the build: " + file);
                return;
            }
            res.header(HeaderNames.CONTENT_TYPE, type);
            res.header(HeaderNames.CACHE_CONTROL, "no-cache");
            res.header(HeaderNames.create("Content-Security-Policy"),
                    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'");
            res.send(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
