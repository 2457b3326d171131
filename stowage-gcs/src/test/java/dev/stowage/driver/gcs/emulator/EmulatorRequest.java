package dev.stowage.driver.gcs.emulator;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP request as the emulator sees it: method, raw path, decoded path segments, decoded query
 * parameters, headers (names lower-cased) and the whole body. Batch sub-requests are parsed into
 * the same shape.
 */
final class EmulatorRequest {
    final String method;
    final String rawPath;
    final String rawQuery;
    final List<String> segments;
    final Map<String, String> query;
    final Map<String, String> headers;
    final byte[] body;

    EmulatorRequest(String method, String rawPath, String rawQuery, Map<String, String> headers, byte[] body) {
        this.method = method.toUpperCase(Locale.ROOT);
        this.rawPath = rawPath;
        this.rawQuery = rawQuery;
        this.segments = segments(rawPath);
        this.query = parseQuery(rawQuery);
        Map<String, String> lower = new TreeMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        this.headers = lower;
        this.body = body;
    }

    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    String param(String name) {
        return query.get(name);
    }

    Long longParam(String name) {
        String v = query.get(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("Invalid value for " + name + ": " + v);
        }
    }

    String segment(int i) {
        return i < segments.size() ? segments.get(i) : null;
    }

    private static List<String> segments(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String s : rawPath.split("/", -1)) {
            out.add(percentDecode(s));
        }
        if (!out.isEmpty() && out.get(0).isEmpty()) {
            out.remove(0);
        }
        return out;
    }

    /** Decodes %XX escapes only ({@code +} stays a plus sign, as in paths). */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(k, v);
        }
        return params;
    }
}
