package dev.stowage.transfer;

import java.time.Duration;

/**
 * A snapshot of a running transfer, sent to {@link TransferListener}s.
 *
 * @param objectsDone objects finished (copied, skipped, deleted or failed)
 * @param objectsSeen objects listed so far (the total once listing has ended)
 * @param listingDone whether listing has ended, so {@code objectsSeen} is the total
 * @param bytesDone bytes copied so far, including those of objects still being copied
 * @param bytesSeen bytes of the objects listed so far that need copying
 * @param elapsed time since the transfer started
 */
public record TransferProgress(long objectsDone, long objectsSeen, boolean listingDone, long bytesDone,
        long bytesSeen, Duration elapsed) {

    /** Bytes per second so far. */
    public double bytesPerSecond() {
        double s = elapsed.toNanos() / 1e9;
        return s <= 0 ? 0 : bytesDone / s;
    }

    /** Estimated time left, once the listing is complete and a rate is known; otherwise {@code null}. */
    public Duration eta() {
        double rate = bytesPerSecond();
        if (!listingDone || rate <= 0) {
            return null;
        }
        return Duration.ofMillis((long) (Math.max(0, bytesSeen - bytesDone) / rate * 1000));
    }
}
