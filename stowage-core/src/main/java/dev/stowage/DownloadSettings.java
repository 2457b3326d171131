package dev.stowage;

import dev.stowage.spi.DiskConfig;
import java.util.Set;

/**
 * How {@link StorageReader#download} fetches a large object from a disk whose driver prefers
 * parallel ranged reads (S3, Azure, GCS; never memory or local, where one sequential copy is
 * fastest). An object of at least {@code threshold} bytes is fetched as ranges of
 * {@code partSize} bytes, {@code concurrency} at a time, each streamed into its place in one temp
 * file that is renamed over the target only once every range arrived, all from the same version
 * (etag) of the object, and the whole matched the CRC32C the object records, if any.
 *
 * <p>Disk settings: {@code download.threshold} (default {@code 16MiB}), {@code download.part-size}
 * (default {@code 8MiB}) and {@code download.concurrency} (default {@code 4}; {@code 1} turns
 * ranged downloads off). Memory held: one 256 KiB buffer per range in flight.
 *
 * @param threshold the smallest object fetched as ranges, in bytes
 * @param partSize bytes per range, at least 64 KiB
 * @param concurrency ranges in flight at once, 1 to 64; 1 means one sequential stream
 */
public record DownloadSettings(long threshold, long partSize, int concurrency) {

    /** 16 MiB threshold, 8 MiB parts, 4 in flight. */
    public static final DownloadSettings DEFAULTS = new DownloadSettings(16L << 20, 8L << 20, 4);

    /** The disk settings read by {@link #from}. */
    public static final Set<String> SETTINGS = Set.of("download.threshold", "download.part-size",
            "download.concurrency");

    public DownloadSettings {
        if (threshold < 0) {
            throw new IllegalArgumentException("download threshold must be >= 0, got " + threshold);
        }
        if (partSize < 64 * 1024) {
            throw new IllegalArgumentException("download part size must be at least 64 KiB, got " + partSize);
        }
        if (concurrency < 1 || concurrency > 64) {
            throw new IllegalArgumentException("download concurrency must be between 1 and 64, got " + concurrency);
        }
    }

    /**
     * The settings of a disk's configuration, defaults where absent.
     *
     * @throws StorageConfigurationException naming the disk and setting if a value is invalid
     */
    public static DownloadSettings from(DiskConfig config) {
        try {
            return new DownloadSettings(config.size("download.threshold", DEFAULTS.threshold),
                    config.size("download.part-size", DEFAULTS.partSize),
                    config.integer("download.concurrency", DEFAULTS.concurrency));
        } catch (IllegalArgumentException e) {
            throw new StorageConfigurationException(config.name(), "invalid download.* setting: " + e.getMessage());
        }
    }

    /** Whether an object of {@code size} bytes is fetched as ranges. */
    boolean ranged(long size) {
        return concurrency > 1 && size >= threshold && size > partSize;
    }
}
