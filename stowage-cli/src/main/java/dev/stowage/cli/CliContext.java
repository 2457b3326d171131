package dev.stowage.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * What commands work with: the standard streams, the working directory (relative local paths and
 * {@code ./storage} are resolved against it), the open disks and the location parser. Tests build one
 * with captured streams and a temporary working directory.
 *
 * @param in standard input ({@code put -})
 * @param out standard output; binary-safe ({@code cat}, {@code get KEY -})
 * @param err standard error: failures and, unless quiet, progress notes
 * @param workingDir where relative local paths and the default disk's {@code ./storage} live
 * @param disks the disks opened so far
 * @param catalog the named disks and the default disk
 */
record CliContext(InputStream in, PrintStream out, PrintStream err, Path workingDir, Disks disks,
        DiskCatalog catalog) {

    /** The context of a real process: System streams, the current directory, the embedded default disk. */
    static CliContext system(Disks disks) {
        Path cwd = Path.of("").toAbsolutePath();
        return new CliContext(System.in, System.out, System.err, cwd, disks, new EmbeddedDisks(cwd));
    }

    /** Whether stderr is the real process's stderr (not a test's captured stream). */
    boolean isProcessStreams() {
        return in == System.in;
    }

    /** The parser for this context's locations. */
    Locations locations() {
        return new Locations(catalog, workingDir);
    }
}
