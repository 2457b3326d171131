package dev.stowage.transfer;

/**
 * One object that could not be transferred.
 *
 * @param key the key relative to the transfer's prefixes
 * @param reason why, in words
 * @param cause the exception, or {@code null}
 */
public record TransferFailure(String key, String reason, Throwable cause) {
}
