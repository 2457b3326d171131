package dev.stowage.driver.gcs.emulator;

import com.google.gson.JsonElement;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One HTTP response: status, headers and a body held in memory. */
final class EmulatorResponse {
    final int status;
    final Map<String, String> headers = new LinkedHashMap<>();
    byte[] body = new byte[0];

    EmulatorResponse(int status) {
        this.status = status;
    }

    static EmulatorResponse json(int status, JsonElement json) {
        EmulatorResponse r = new EmulatorResponse(status);
        r.headers.put("Content-Type", "application/json; charset=UTF-8");
        r.body = json.toString().getBytes(StandardCharsets.UTF_8);
        return r;
    }

    static EmulatorResponse text(int status, String contentType, String text) {
        EmulatorResponse r = new EmulatorResponse(status);
        r.headers.put("Content-Type", contentType);
        r.body = text.getBytes(StandardCharsets.UTF_8);
        return r;
    }

    EmulatorResponse header(String name, String value) {
        if (value != null) {
            headers.put(name, value);
        }
        return this;
    }

    static String reasonPhrase(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 204 -> "No Content";
            case 206 -> "Partial Content";
            case 304 -> "Not Modified";
            case 308 -> "Resume Incomplete";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 412 -> "Precondition Failed";
            case 416 -> "Requested Range Not Satisfiable";
            case 429 -> "Too Many Requests";
            case 499 -> "Client Closed Request";
            case 503 -> "Service Unavailable";
            default -> "Status " + status;
        };
    }
}
