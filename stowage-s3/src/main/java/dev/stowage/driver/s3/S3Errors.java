package dev.stowage.driver.s3;

import dev.stowage.AccessDeniedException;
import dev.stowage.ObjectAlreadyExistsException;
import dev.stowage.ObjectNotFoundException;
import dev.stowage.Operation;
import dev.stowage.PreconditionFailedException;
import dev.stowage.StorageConfigurationException;
import dev.stowage.StorageException;
import dev.stowage.StorageUnavailableException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Set;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Translates SDK failures into Stowage's exceptions, keeping the SDK exception as the cause.
 * 404/NoSuchKey → not found; 412 → precondition failed (already exists for a create-only write);
 * 409 on a conditional write → already exists / precondition failed; 403 → access denied;
 * 5xx, 429, SlowDown, throttling, timeouts and connection errors → unavailable (retryable).
 */
final class S3Errors {

    /** The precondition a write carried, which decides what a 404/409/412 means. */
    enum Condition { NONE, IF_NONE_MATCH, IF_MATCH }

    private static final Set<String> THROTTLING = Set.of("SlowDown", "Throttling", "ThrottlingException",
            "RequestLimitExceeded", "TooManyRequests", "RequestThrottled", "ServiceUnavailable", "InternalError",
            "RequestTimeout", "RequestTimeTooSkewed");

    private final String disk;
    private final String bucket;

    S3Errors(String disk, String bucket) {
        this.disk = disk;
        this.bucket = bucket;
    }

    StorageException translate(Throwable e, Operation op, String key) {
        return translate(e, op, key, Condition.NONE);
    }

    StorageException translate(Throwable e, Operation op, String key, Condition condition) {
        if (e instanceof StorageException se) {
            return se;
        }
        if (e instanceof SdkServiceException service) {
            return service(service, op, key, condition);
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return new StorageUnavailableException(disk, op, key, "the request timed out", e);
        }
        if (e instanceof AbortedException || e instanceof InterruptedException || e instanceof InterruptedIOException) {
            return new StorageException(disk, op, key, "interrupted", e);
        }
        if (e instanceof SdkClientException client) {
            return new StorageUnavailableException(disk, op, key, "cannot reach S3: " + firstMessage(client), e);
        }
        if (e instanceof IOException io) {
            return new StorageUnavailableException(disk, op, key, "I/O error: " + io.getMessage(), e);
        }
        return new StorageException(disk, op, key, "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }

    private StorageException service(SdkServiceException e, Operation op, String key, Condition condition) {
        int status = e.statusCode();
        String code = e instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                ? aws.awsErrorDetails().errorCode() : null;
        String reason = describe(status, code, e);
        if ("NoSuchBucket".equals(code)) {
            return new StorageConfigurationException(disk, "bucket '" + bucket + "' does not exist (" + op.label()
                    + (key == null ? "" : " of '" + key + "'") + ")", e);
        }
        if (status == 412 || "PreconditionFailed".equals(code)) {
            return condition == Condition.IF_NONE_MATCH
                    ? new ObjectAlreadyExistsException(disk, op, key, "an object already exists under this key", e)
                    : new PreconditionFailedException(disk, op, key, "the object's etag does not match", e);
        }
        if (status == 409 && condition != Condition.NONE) {
            return condition == Condition.IF_NONE_MATCH
                    ? new ObjectAlreadyExistsException(disk, op, key,
                            "an object already exists under this key (concurrent write: " + reason + ")", e)
                    : new PreconditionFailedException(disk, op, key, "a concurrent write changed the object", e);
        }
        if (status == 404 || "NoSuchKey".equals(code)) {
            return condition == Condition.IF_MATCH
                    ? new PreconditionFailedException(disk, op, key, "the object does not exist", e)
                    : new ObjectNotFoundException(disk, op, key, "object not found", e);
        }
        if (status == 403 || "AccessDenied".equals(code)) {
            return new AccessDeniedException(disk, op, key, "access denied: " + reason, e);
        }
        if (status == 501 || "NotImplemented".equals(code)) {
            return new StorageException(disk, op, key, "the service does not implement this (" + reason + ")", e);
        }
        if (status >= 500 || status == 429 || e.isThrottlingException() || (code != null && THROTTLING.contains(code))) {
            return new StorageUnavailableException(disk, op, key, reason, e);
        }
        return new StorageException(disk, op, key, reason, e);
    }

    private static String describe(int status, String code, SdkServiceException e) {
        String message = e instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                ? aws.awsErrorDetails().errorMessage() : null;
        StringBuilder b = new StringBuilder("HTTP ").append(status);
        if (code != null) {
            b.append(' ').append(code);
        }
        if (message != null && !message.isBlank()) {
            b.append(": ").append(message);
        }
        return b.toString();
    }

    private static String firstMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return root == t ? String.valueOf(m) : t.getMessage() + " (" + root.getClass().getSimpleName() + ": " + m + ")";
    }
}
