package dev.stowage.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How objects, files, sizes and dates are written in command output. */
final class Show {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private Show() {
    }

    /** An object as {@code disk:key}, e.g. {@code local:docs/readme.md}. */
    static String object(String disk, String key) {
        return disk + ":" + key;
    }

    /** A local path, relative to the working directory when it lies inside it. */
    static String file(Path path, Path workingDir) {
        Path abs = path.toAbsolutePath().normalize();
        Path base = workingDir.toAbsolutePath().normalize();
        return abs.startsWith(base) && !abs.equals(base) ? base.relativize(abs).toString() : abs.toString();
    }

    /** A date in UTC, to the second: {@code 2026-11-23 13:20:27}; {@code -} when unknown. */
    static String date(Instant instant) {
        return instant == null ? "-" : DATE.format(instant);
    }

    /** A byte count with its unit word: {@code 1 byte}, {@code 1234 bytes}. */
    static String bytes(long n) {
        return n == 1 ? "1 byte" : n + " bytes";
    }
}
