package dev.stowage.server;

import dev.stowage.AccessDeniedException;
import dev.stowage.ContentTooLargeException;
import dev.stowage.InvalidKeyException;
import dev.stowage.ObjectAlreadyExistsException;
import dev.stowage.ObjectNotFoundException;
import dev.stowage.PreconditionFailedException;
import dev.stowage.StorageConfigurationException;
import dev.stowage.StorageException;
import dev.stowage.StorageUnavailableException;
import dev.stowage.UnsupportedCapabilityException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns failures into HTTP statuses with a JSON body naming what failed; never a stack trace or secret. */
final class HttpErrors {
    private HttpErrors() {
    }

    static Status statusOf(StorageException e) {
        if (e instanceof ObjectNotFoundException) {
            return Status.NOT_FOUND_404;
        }
        if (e instanceof ObjectAlreadyExistsException || e instanceof PreconditionFailedException) {
            return Status.PRECONDITION_FAILED_412;
        }
        if (e instanceof AccessDeniedException) {
            return Status.FORBIDDEN_403;
        }
        if (e instanceof InvalidKeyException) {
            return Status.BAD_REQUEST_400;
        }
        if (e instanceof ContentTooLargeException) {
            return Status.REQUEST_ENTITY_TOO_LARGE_413;
        }
        if (e instanceof StorageUnavailableException) {
            return Status.SERVICE_UNAVAILABLE_503;
        }
        if (e instanceof UnsupportedCapabilityException) {
            return Status.NOT_IMPLEMENTED_501;
        }
        if (e instanceof StorageConfigurationException) {
            return Status.INTERNAL_SERVER_ERROR_500;
        }
        return e.retryable() ? Status.SERVICE_UNAVAILABLE_503 : Status.INTERNAL_SERVER_ERROR_500;
    }

    static void send(ServerResponse res, StorageException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.getClass().getSimpleName());
        body.put("message", e.getMessage());
        body.put("disk", e.disk());
        body.put("key", e.key());
        body.put("operation", e.operation().label());
        body.put("retryable", e.retryable());
        send(res, statusOf(e), body);
    }

    static void send(ServerResponse res, Status status, String error, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", message);
        send(res, status, body);
    }

    private static void send(ServerResponse res, Status status, Map<String, Object> body) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.write(body));
    }
}
