package dev.stowage.driver.gcs.emulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * A failure the emulator answers with Google's JSON error body, as documented in
 * <a href="https://cloud.google.com/storage/docs/json_api/v1/status-codes">JSON API status codes</a>:
 * {@code {"error": {"code": 404, "message": "...", "errors": [{"domain": "global", "reason": "notFound", ...}]}}}.
 */
final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String reason;

    ApiError(int status, String reason, String message) {
        super(message);
        this.status = status;
        this.reason = reason;
    }

    int status() {
        return status;
    }

    String reason() {
        return reason;
    }

    static ApiError notFound(String what) {
        return new ApiError(404, "notFound", "No such object: " + what);
    }

    static ApiError bucketNotFound(String bucket) {
        return new ApiError(404, "notFound", "The specified bucket does not exist.");
    }

    static ApiError preconditionFailed() {
        return new ApiError(412, "conditionNotMet", "At least one of the pre-conditions you specified did not hold.");
    }

    static ApiError notModified() {
        return new ApiError(304, "notModified", "Not Modified");
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, "invalid", message);
    }

    static ApiError unauthorized(String message) {
        return new ApiError(401, "required", message);
    }

    static ApiError forbidden(String message) {
        return new ApiError(403, "forbidden", message);
    }

    /** The JSON error body. */
    JsonObject toJson() {
        JsonObject detail = new JsonObject();
        detail.addProperty("domain", "global");
        detail.addProperty("reason", reason);
        detail.addProperty("message", getMessage());
        JsonArray errors = new JsonArray();
        errors.add(detail);
        JsonObject error = new JsonObject();
        error.addProperty("code", status);
        error.addProperty("message", getMessage());
        error.add("errors", errors);
        JsonObject body = new JsonObject();
        body.add("error", error);
        return body;
    }

    EmulatorResponse toResponse() {
        if (status == 304) {
            return new EmulatorResponse(304);
        }
        return EmulatorResponse.json(status, toJson());
    }
}
