package dev.stowage;

/**
 * Told how many bytes of a write have been sent so far. Called on the writing thread; keep it cheap.
 */
@FunctionalInterface
public interface ProgressListener {

    /**
     * @param bytesTransferred bytes consumed from the content so far
     * @param totalBytes the content length, or {@code -1} if unknown
     */
    void onProgress(long bytesTransferred, long totalBytes);
}
