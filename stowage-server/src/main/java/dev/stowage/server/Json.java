package dev.stowage.server;

import dev.stowage.ObjectInfo;
import dev.stowage.Page;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON shapes of the REST API (documented in docs/server.md and openapi.yaml). */
final class Json {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    static JsonNode read(InputStream in) {
        return MAPPER.readTree(in);
    }

    static Map<String, Object> object(ObjectInfo info) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", info.key());
        m.put("size", info.size());
        m.put("contentType", info.contentType());
        m.put("lastModified", info.lastModified() == null ? null : info.lastModified().toString());
        m.put("etag", info.etag());
        Map<String, String> checksums = new LinkedHashMap<>();
        info.checksums().forEach((k, v) -> checksums.put(k.name(), v));
        m.put("checksums", checksums);
        m.put("metadata", info.metadata());
        m.put("tags", info.tags());
        m.put("contentDisposition", info.contentDisposition());
        m.put("cacheControl", info.cacheControl());
        return m;
    }

    static Map<String, Object> page(Page page) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Map<String, Object>> objects = page.objects().stream().map(Json::object).toList();
        m.put("objects", objects);
        m.put("prefixes", page.prefixes());
        m.put("nextCursor", page.nextCursor());
        return m;
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }
}
