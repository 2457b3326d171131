package dev.stowage.server;

import dev.stowage.StorageException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP server over Stowage disks: a REST API (list, upload, download with ranges, delete,
 * copy, signed URLs), the file route that answers the signed URLs of memory and local disks, a
 * browser UI at {@code /}, {@code /health} and Prometheus {@code /metrics}.
 *
 * <p>Built on Helidon SE 4, whose server runs every request on its own virtual thread: blocking
 * storage calls cost no OS thread, and bodies stream both ways without being held in memory.
 * Binds 127.0.0.1 by default; bound anywhere else it requires a bearer token (generated when none
 * is given: see {@link #generatedToken()}).
 */
public final class StowageServer implements AutoCloseable {
    private final WebServer server;
    private final String host;
    private final String generatedToken;

    private StowageServer(WebServer server, String host, String generatedToken) {
        this.server = server;
        this.host = host;
        this.generatedToken = generatedToken;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return server.port();
    }

    /** The server's base URL, e.g. {@code http://127.0.0.1:8080}. */
    public URI baseUri() {
        String h = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        return URI.create("http://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + port());
    }

    /** The token this server generated because it is not bound to loopback and none was given. */
    public Optional<String> generatedToken() {
        return Optional.ofNullable(generatedToken);
    }

    /** Stops the server (the disks stay open: their owner closes them). */
    @Override
    public void close() {
        server.stop();
    }

    /** Configures and starts a {@link StowageServer}. */
    public static final class Builder {
        private DiskDirectory disks;
        private String host = "127.0.0.1";
        private int port = 8080;
        private String token;
        private DiskPolicy defaultPolicy = DiskPolicy.OPEN;
        private OperationMetrics metrics = new OperationMetrics();
        private final Map<String, DiskPolicy> policies = new HashMap<>();

        private Builder() {
        }

        public Builder disks(DiskDirectory disks) {
            this.disks = Objects.requireNonNull(disks);
            return this;
        }

        /** Interface to bind; default 127.0.0.1. Any non-loopback address requires a token. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /** Port; 0 picks a free one. Default 8080. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0-65535: " + port);
            }
            this.port = port;
            return this;
        }

        /** Bearer token required on the API, health and metrics ({@code null}: none on loopback). */
        public Builder token(String token) {
            this.token = token == null || token.isBlank() ? null : token;
            return this;
        }

        /**
         * Where {@code /metrics} reads from. Give the same instance to the disks' manager
         * ({@code StorageManager.of(config, List.of(metrics))}) so their operations are counted.
         */
        public Builder metrics(OperationMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics);
            return this;
        }

        /** Upload limits for every disk without its own policy. */
        public Builder defaultPolicy(DiskPolicy policy) {
            this.defaultPolicy = Objects.requireNonNull(policy);
            return this;
        }

        /** Upload limits for one disk. */
        public Builder policy(String disk, DiskPolicy policy) {
            this.policies.put(disk, Objects.requireNonNull(policy));
            return this;
        }

        /** Starts the server. */
        public StowageServer start() {
            if (disks == null) {
                throw new IllegalStateException("no disks given");
            }
            String generated = null;
            String effectiveToken = token;
            if (effectiveToken == null && !isLoopback(host)) {
                byte[] random = new byte[24];
                new SecureRandom().nextBytes(random);
                generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                effectiveToken = generated;
            }
            OperationMetrics metrics = this.metrics;
            ObjectExchange exchange = new ObjectExchange();
            Map<String, DiskPolicy> policyCopy = Map.copyOf(policies);
            DiskPolicy fallback = defaultPolicy;
            ApiRoutes api = new ApiRoutes(disks, exchange, name -> policyCopy.getOrDefault(name, fallback));
            SignedFileRoutes files = new SignedFileRoutes(disks, exchange,
                    name -> policyCopy.getOrDefault(name, fallback));
            HealthRoutes health = new HealthRoutes(disks);
            WebUiRoutes ui = new WebUiRoutes();
            String requiredToken = effectiveToken;
            WebServer server = WebServer.builder().host(host).port(port).routing(r -> {
                if (requiredToken != null) {
                    r.addFilter((chain, req, res) -> {
                        String path = req.path().rawPath();
                        boolean open = path.equals("/") || path.startsWith("/assets/") || path.startsWith("/files/");
                        if (open || authorized(req.headers().first(HeaderNames.AUTHORIZATION).orElse(null),
                                requiredToken)) {
                            chain.proceed();
                        } else {
                            res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"stowage\"");
                            HttpErrors.send(res, Status.UNAUTHORIZED_401, "Unauthorized",
                                    "this server requires 'Authorization: Bearer <token>'");
                        }
                    });
                }
                api.register(r);
                files.register(r);
                health.register(r);
                r.get("/metrics", (req, res) -> {
                    res.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
                    res.send(metrics.scrape());
                });
                ui.register(r);
                r.error(StorageException.class, (req, res, e) -> HttpErrors.send(res, e));
                r.error(IllegalArgumentException.class, (req, res, e) ->
                        HttpErrors.send(res, Status.BAD_REQUEST_400, "InvalidRequest", e.getMessage()));
            }).build().start();
            return new StowageServer(server, host, generated);
        }

        private static boolean authorized(String header, String token) {
            if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return false;
            }
            byte[] given = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
            return MessageDigest.isEqual(given, token.getBytes(StandardCharsets.UTF_8));
        }

        private static boolean isLoopback(String host) {
            if (host.equals("localhost")) {
                return true;
            }
            try {
                return InetAddress.getByName(host).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
    }
}
