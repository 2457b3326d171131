package dev.stowage.url;

/**
 * Implemented by drivers whose signed and public URLs are answered by Stowage's own server
 * (memory, local). The server finds it with {@code storage.unwrap(SelfServed.class)} to verify
 * the URLs the driver signed.
 */
public interface SelfServed {

    /** The URL signer and shapes this disk uses. */
    ServedUrls servedUrls();
}
