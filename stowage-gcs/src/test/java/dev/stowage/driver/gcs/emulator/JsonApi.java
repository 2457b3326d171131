package dev.stowage.driver.gcs.emulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The metadata half of the Cloud Storage JSON API ({@code /storage/v1/...}) and media downloads.
 * Follows the reference pages:
 * <ul>
 *   <li><a href="https://cloud.google.com/storage/docs/json_api/v1/buckets/insert">buckets.insert</a>,
 *       <a href="https://cloud.google.com/storage/docs/json_api/v1/buckets/get">buckets.get</a>,
 *       <a href="https://cloud.google.com/storage/docs/json_api/v1/buckets/delete">buckets.delete</a>;
 *   <li><a href="https://cloud.google.com/storage/docs/json_api/v1/objects/get">objects.get</a> (with
 *       {@code alt=media} and {@code Range}, see
 *       <a href="https://cloud.google.com/storage/docs/json_api/v1/objects/get#parameters">parameters</a>
 *       and, as real GCS sends with every media download, the stored object's checksums in
 *       <a href="https://cloud.google.com/storage/docs/xml-api/reference-headers#xgooghash">x-goog-hash</a>
 *       ({@code crc32c=...}, plus {@code md5=...} unless composite) and its generation in
 *       <a href="https://cloud.google.com/storage/docs/xml-api/reference-headers#xgooggeneration">x-goog-generation</a>,
 *       also on ranged responses, where they still describe the whole object);
 *   <li><a href="https://cloud.google.com/storage/docs/json_api/v1/objects/list">objects.list</a>
 *       (prefix, delimiter, maxResults counting items and prefixes together, pageToken, startOffset, endOffset);
 *   <li><a href="https://cloud.google.com/storage/docs/json_api/v1/objects/patch">objects.patch</a>,
 *       <a href="https://cloud.google.com/storage/docs/json_api/v1/objects/update">objects.update</a>,
 *       <a href="https://cloud.google.com/storage/docs/json_api/v1/objects/delete">objects.delete</a>;
 *   <li><a href="https://cloud.google.com/storage/docs/json_api/v1/objects/rewrite">objects.rewrite</a>
 *       (several calls with a {@code rewriteToken} when the object is larger than the bytes rewritten
 *       per call), <a href="https://cloud.google.com/storage/docs/json_api/v1/objects/copy">objects.copy</a>,
 *       <a href="https://cloud.google.com/storage/docs/json_api/v1/objects/compose">objects.compose</a>.
 * </ul>
 */
final class JsonApi {

    private record RewriteState(EmulatedObject source, EmulatedObject.WritableMetadata meta, long rewritten) {
    }

    private final EmulatorStore store;
    private final GcsEmulator emulator;
    private final Map<String, RewriteState> rewrites = new ConcurrentHashMap<>();

    JsonApi(EmulatorStore store, GcsEmulator emulator) {
        this.store = store;
        this.emulator = emulator;
    }

    /** Routes {@code /storage/v1/...}; {@code s} are the segments after {@code storage/v1}. */
    EmulatorResponse handle(EmulatorRequest req, List<String> s) {
        if (s.isEmpty() || !s.get(0).equals("b")) {
            throw new ApiError(404, "notFound", "Not Found");
        }
        if (s.size() == 1) {
            return switch (req.method) {
                case "POST" -> insertBucket(req);
                case "GET" -> listBuckets();
                default -> methodNotAllowed();
            };
        }
        String bucket = s.get(1);
        if (s.size() == 2) {
            return switch (req.method) {
                case "GET" -> EmulatorResponse.json(200, bucketJson(store.bucket(bucket)));
                case "DELETE" -> {
                    store.deleteBucket(bucket);
                    yield new EmulatorResponse(204);
                }
                default -> methodNotAllowed();
            };
        }
        if (!s.get(2).equals("o")) {
            throw new ApiError(404, "notFound", "Not Found");
        }
        if (s.size() == 3) {
            if (req.method.equals("GET")) {
                return list(req, bucket);
            }
            return methodNotAllowed();
        }
        String name = s.get(3);
        if (s.size() == 4) {
            return switch (req.method) {
                case "GET" -> "media".equals(req.param("alt")) ? download(req, bucket, name) : getObject(req, bucket, name);
                case "PATCH" -> patch(req, bucket, name, false);
                case "PUT" -> patch(req, bucket, name, true);
                case "DELETE" -> {
                    store.delete(bucket, name, req.longParam("generation"), Preconditions.from(req));
                    yield new EmulatorResponse(204);
                }
                default -> methodNotAllowed();
            };
        }
        if (s.size() == 5 && s.get(4).equals("compose") && req.method.equals("POST")) {
            return compose(req, bucket, name);
        }
        if (s.size() == 9 && (s.get(4).equals("rewriteTo") || s.get(4).equals("copyTo")) && s.get(5).equals("b")
                && s.get(7).equals("o") && req.method.equals("POST")) {
            return rewrite(req, bucket, name, s.get(6), s.get(8), s.get(4).equals("copyTo"));
        }
        throw new ApiError(404, "notFound", "Not Found");
    }

    private static EmulatorResponse methodNotAllowed() {
        return new ApiError(405, "methodNotAllowed", "Method not allowed").toResponse();
    }

    // ---- buckets ------------------------------------------------------------------------------

    private EmulatorResponse insertBucket(EmulatorRequest req) {
        JsonObject body = jsonBody(req);
        if (!body.has("name")) {
            throw new ApiError(400, "required", "Required");
        }
        String name = body.get("name").getAsString();
        if (!name.matches("[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]")) {
            throw new ApiError(400, "invalid", "Invalid bucket name: '" + name + "'");
        }
        if (!store.createBucket(name)) {
            throw new ApiError(409, "conflict",
                    "Your previous request to create the named bucket succeeded and you already own it.");
        }
        return EmulatorResponse.json(200, bucketJson(store.bucket(name)));
    }

    private EmulatorResponse listBuckets() {
        JsonObject out = new JsonObject();
        out.addProperty("kind", "storage#buckets");
        out.add("items", new JsonArray());
        return EmulatorResponse.json(200, out);
    }

    private JsonObject bucketJson(EmulatorStore.Bucket b) {
        JsonObject o = new JsonObject();
        o.addProperty("kind", "storage#bucket");
        o.addProperty("id", b.name);
        o.addProperty("selfLink", emulator.endpoint() + "/storage/v1/b/" + b.name);
        o.addProperty("projectNumber", "123456789012");
        o.addProperty("name", b.name);
        o.addProperty("timeCreated", EmulatedObject.rfc3339(b.created));
        o.addProperty("updated", EmulatedObject.rfc3339(b.created));
        o.addProperty("metageneration", "1");
        o.addProperty("location", "US");
        o.addProperty("locationType", "multi-region");
        o.addProperty("storageClass", "STANDARD");
        o.addProperty("etag", "CAE=");
        return o;
    }

    // ---- objects ------------------------------------------------------------------------------

    private EmulatorResponse getObject(EmulatorRequest req, String bucket, String name) {
        EmulatedObject o = store.get(bucket, name, req.longParam("generation"));
        Preconditions.from(req).check(o, true);
        return EmulatorResponse.json(200, o.toJson(emulator.endpoint()));
    }

    private EmulatorResponse patch(EmulatorRequest req, String bucket, String name, boolean replace) {
        JsonObject body = jsonBody(req);
        EmulatedObject updated = store.update(bucket, name, req.longParam("generation"), Preconditions.from(req),
                current -> current.withMeta(replace
                        ? EmulatedObject.WritableMetadata.fromJson(body, null)
                        : current.meta().patch(body), store.now()));
        return EmulatorResponse.json(200, updated.toJson(emulator.endpoint()));
    }

    EmulatorResponse download(EmulatorRequest req, String bucket, String name) {
        EmulatedObject o = store.get(bucket, name, req.longParam("generation"));
        Preconditions.from(req).check(o, true);
        return media(req, o, null, null);
    }

    /** The bytes of an object, whole or the one range asked for, with Google's download headers. */
    static EmulatorResponse media(EmulatorRequest req, EmulatedObject o, String dispositionOverride,
            String typeOverride) {
        long size = o.size();
        String range = req.header("range");
        long start = 0;
        long end = size - 1;
        boolean partial = false;
        if (range != null && range.startsWith("bytes=") && !range.contains(",")) {
            String spec = range.substring(6).strip();
            int dash = spec.indexOf('-');
            try {
                if (dash == 0) {
                    long n = Long.parseLong(spec.substring(1));
                    start = Math.max(0, size - n);
                } else {
                    start = Long.parseLong(spec.substring(0, dash));
                    if (dash < spec.length() - 1) {
                        end = Math.min(end, Long.parseLong(spec.substring(dash + 1)));
                    }
                }
                partial = true;
            } catch (NumberFormatException e) {
                partial = false;
            }
            if (partial && (start >= size && !(size == 0 && dash == 0))) {
                EmulatorResponse r = new ApiError(416, "requestedRangeNotSatisfiable",
                        "The requested range cannot be satisfied.").toResponse();
                return r.header("Content-Range", "bytes */" + size);
            }
        }
        EmulatorResponse r = new EmulatorResponse(partial && size > 0 ? 206 : 200);
        long length = size == 0 ? 0 : end - start + 1;
        byte[] body = new byte[(int) length];
        System.arraycopy(o.data(), (int) start, body, 0, (int) length);
        r.body = body;
        r.header("Content-Type", typeOverride != null ? typeOverride : o.contentType());
        if (r.status == 206) {
            r.header("Content-Range", "bytes " + start + "-" + end + "/" + size);
        }
        r.header("Accept-Ranges", "bytes");
        r.header("ETag", "\"" + o.etag() + "\"");
        r.header("Last-Modified", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(o.updated().atZone(java.time.ZoneOffset.UTC)));
        r.header("x-goog-generation", Long.toString(o.generation()));
        r.header("x-goog-metageneration", Long.toString(o.metageneration()));
        r.header("x-goog-stored-content-length", Long.toString(size));
        r.header("x-goog-stored-content-encoding", "identity");
        r.header("x-goog-storage-class", "STANDARD");
        r.header("x-goog-hash", "crc32c=" + o.crc32c() + (o.componentCount() == 0 ? ",md5=" + o.md5() : ""));
        r.header("Content-Disposition", dispositionOverride != null ? dispositionOverride : o.meta().contentDisposition());
        r.header("Cache-Control", o.meta().cacheControl());
        r.header("Content-Language", o.meta().contentLanguage());
        o.meta().metadata().forEach((k, v) -> r.header("x-goog-meta-" + k, v));
        return r;
    }

    // ---- list ---------------------------------------------------------------------------------

    private EmulatorResponse list(EmulatorRequest req, String bucket) {
        EmulatorStore.Bucket b = store.bucket(bucket);
        String prefix = req.query.getOrDefault("prefix", "");
        String delimiter = req.param("delimiter");
        if (delimiter != null && delimiter.isEmpty()) {
            delimiter = null;
        }
        Long maxParam = req.longParam("maxResults");
        int max = maxParam == null ? 1000 : (int) Math.max(1, Math.min(1000, maxParam));
        String after = null;
        if (req.param("pageToken") != null && !req.param("pageToken").isEmpty()) {
            try {
                after = new String(Base64.getUrlDecoder().decode(req.param("pageToken")), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("Invalid page token");
            }
        }
        String startOffset = req.param("startOffset");
        String endOffset = req.param("endOffset");
        boolean trailing = "true".equals(req.param("includeTrailingDelimiter"));
        String from = startOffset != null && EmulatorStore.compareNames(startOffset, prefix) > 0 ? startOffset : prefix;

        JsonArray items = new JsonArray();
        List<String> prefixes = new ArrayList<>();
        String last = null;
        String lastPrefix = null;
        int count = 0;
        String nextToken = null;
        for (Map.Entry<String, EmulatedObject> e : b.objects.tailMap(from, true).entrySet()) {
            String name = e.getKey();
            if (!name.startsWith(prefix)) {
                break;
            }
            if (endOffset != null && !endOffset.isEmpty() && EmulatorStore.compareNames(name, endOffset) >= 0) {
                break;
            }
            if (after != null) {
                if (EmulatorStore.compareNames(name, after) <= 0) {
                    continue;
                }
                if (delimiter != null && after.endsWith(delimiter) && name.startsWith(after)) {
                    continue;
                }
            }
            if (delimiter != null) {
                int d = name.indexOf(delimiter, prefix.length());
                if (d >= 0) {
                    String p = name.substring(0, d + delimiter.length());
                    boolean objectIsPrefix = trailing && p.equals(name);
                    if (!p.equals(lastPrefix)) {
                        if (count == max) {
                            nextToken = last;
                            break;
                        }
                        prefixes.add(p);
                        lastPrefix = p;
                        last = p;
                        count++;
                    }
                    if (objectIsPrefix) {
                        items.add(e.getValue().toJson(emulator.endpoint()));
                    }
                    continue;
                }
            }
            if (count == max) {
                nextToken = last;
                break;
            }
            items.add(e.getValue().toJson(emulator.endpoint()));
            last = name;
            count++;
        }
        JsonObject out = new JsonObject();
        out.addProperty("kind", "storage#objects");
        if (!items.isEmpty()) {
            out.add("items", items);
        }
        if (!prefixes.isEmpty()) {
            JsonArray p = new JsonArray();
            prefixes.forEach(p::add);
            out.add("prefixes", p);
        }
        if (nextToken != null) {
            out.addProperty("nextPageToken",
                    Base64.getUrlEncoder().withoutPadding().encodeToString(nextToken.getBytes(StandardCharsets.UTF_8)));
        }
        return EmulatorResponse.json(200, out);
    }

    // ---- rewrite, copy, compose ---------------------------------------------------------------

    private EmulatorResponse rewrite(EmulatorRequest req, String srcBucket, String srcName, String dstBucket,
            String dstName, boolean singleShot) {
        store.bucket(dstBucket);
        String token = req.param("rewriteToken");
        RewriteState state;
        Preconditions destPre = Preconditions.from(req);
        if (token == null || token.isEmpty()) {
            EmulatedObject src = store.get(srcBucket, srcName, req.longParam("sourceGeneration"));
            Preconditions.source(req).check(src, false);
            destPre.check(store.find(dstBucket, dstName), false);
            JsonObject body = jsonBody(req);
            EmulatedObject.WritableMetadata meta = body.size() == 0 ? src.meta()
                    : EmulatedObject.WritableMetadata.fromJson(body, src.meta().contentType());
            state = new RewriteState(src, meta, 0);
        } else {
            state = rewrites.remove(token);
            if (state == null) {
                throw ApiError.badRequest("Invalid rewrite token.");
            }
        }
        long size = state.source().size();
        Long perCallParam = req.longParam("maxBytesRewrittenPerCall");
        long perCall = singleShot ? Long.MAX_VALUE
                : perCallParam != null ? Math.max(1 << 20, perCallParam) : emulator.rewriteBytesPerCall();
        long done = Math.min(size, state.rewritten() + perCall);
        JsonObject out = new JsonObject();
        out.addProperty("kind", "storage#rewriteResponse");
        out.addProperty("totalBytesRewritten", Long.toString(done));
        out.addProperty("objectSize", Long.toString(size));
        if (done < size) {
            String next = UUID.randomUUID().toString();
            rewrites.put(next, new RewriteState(state.source(), state.meta(), done));
            out.addProperty("done", false);
            out.addProperty("rewriteToken", next);
            return EmulatorResponse.json(200, out);
        }
        EmulatedObject src = state.source();
        EmulatedObject created = store.commit(dstBucket, dstName, destPre,
                gen -> new EmulatedObject(dstBucket, dstName, gen, 1, src.data(), state.meta(), store.now(),
                        store.now(), src.componentCount()));
        if (singleShot) {
            return EmulatorResponse.json(200, created.toJson(emulator.endpoint()));
        }
        out.addProperty("done", true);
        out.add("resource", created.toJson(emulator.endpoint()));
        return EmulatorResponse.json(200, out);
    }

    private EmulatorResponse compose(EmulatorRequest req, String bucket, String name) {
        JsonObject body = jsonBody(req);
        JsonArray sources = body.has("sourceObjects") ? body.getAsJsonArray("sourceObjects") : new JsonArray();
        if (sources.isEmpty() || sources.size() > 32) {
            throw ApiError.badRequest("The number of source components provided (" + sources.size()
                    + ") must be between 1 and 32.");
        }
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int components = 0;
        for (JsonElement el : sources) {
            JsonObject src = el.getAsJsonObject();
            Long gen = src.has("generation") ? src.get("generation").getAsLong() : null;
            EmulatedObject o = store.get(bucket, src.get("name").getAsString(), gen);
            if (src.has("objectPreconditions")) {
                JsonObject p = src.getAsJsonObject("objectPreconditions");
                if (p.has("ifGenerationMatch") && p.get("ifGenerationMatch").getAsLong() != o.generation()) {
                    throw ApiError.preconditionFailed();
                }
            }
            data.writeBytes(o.data());
            components += Math.max(1, o.componentCount());
        }
        JsonObject dest = body.has("destination") ? body.getAsJsonObject("destination") : new JsonObject();
        EmulatedObject.WritableMetadata meta = EmulatedObject.WritableMetadata.fromJson(dest, null);
        byte[] bytes = data.toByteArray();
        int componentCount = components;
        EmulatedObject created = store.commit(bucket, name, Preconditions.from(req),
                gen -> new EmulatedObject(bucket, name, gen, 1, bytes, meta, store.now(), store.now(), componentCount));
        return EmulatorResponse.json(200, created.toJson(emulator.endpoint()));
    }

    static JsonObject jsonBody(EmulatorRequest req) {
        if (req.body.length == 0) {
            return new JsonObject();
        }
        try {
            JsonElement e = JsonParser.parseString(new String(req.body, StandardCharsets.UTF_8));
            return e.isJsonObject() ? e.getAsJsonObject() : new JsonObject();
        } catch (RuntimeException e) {
            throw new ApiError(400, "parseError", "Parse Error");
        }
    }
}
