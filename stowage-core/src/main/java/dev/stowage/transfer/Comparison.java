package dev.stowage.transfer;

import dev.stowage.ChecksumAlgorithm;
import dev.stowage.ObjectInfo;

/**
 * Whether a target object matches its source, and how strongly that is known.
 *
 * @param same whether they match
 * @param byContent whether a checksum (not just size or date) decided it
 * @param reason why they differ, or how they were judged equal
 */
record Comparison(boolean same, boolean byContent, String reason) {

    static Comparison differ(String reason) {
        return new Comparison(false, false, reason);
    }

    /** Compares from what is known without reading content; {@code null} when undecided. */
    static Comparison fromInfo(ObjectInfo source, ObjectInfo target, ChangeDetection mode) {
        if (source.size() != target.size()) {
            return differ("size differs (" + source.size() + " vs " + target.size() + ")");
        }
        if (mode == ChangeDetection.SIZE_ONLY) {
            return new Comparison(true, false, "same size");
        }
        if (mode != ChangeDetection.SIZE_AND_MODIFIED) {
            for (ChecksumAlgorithm algorithm : Transfer.COMPARABLE) {
                String s = checksum(source, algorithm);
                String t = checksum(target, algorithm);
                if (s != null && t != null) {
                    return s.equals(t) ? new Comparison(true, true, "same " + algorithm)
                            : differ(algorithm + " differs");
                }
            }
            if (mode == ChangeDetection.CHECKSUM) {
                return null;
            }
        }
        if (source.lastModified() != null && target.lastModified() != null) {
            // Many providers keep last-modified to the second (S3, Azure: HTTP dates): a copy made within
            // the source's second is not older.
            java.time.Instant sourceSecond = source.lastModified().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            return target.lastModified().isBefore(sourceSecond) ? differ("target is older than source")
                    : new Comparison(true, false, "same size, target not older");
        }
        return null;
    }

    /** A stored checksum, including the one transfers keep in metadata. */
    static String checksum(ObjectInfo info, ChecksumAlgorithm algorithm) {
        String c = info.checksum(algorithm);
        if (c == null && algorithm == ChecksumAlgorithm.CRC32C) {
            c = info.metadata().get(Transfer.CHECKSUM_METADATA);
        }
        return c;
    }
}
