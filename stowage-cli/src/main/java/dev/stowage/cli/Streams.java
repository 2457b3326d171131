package dev.stowage.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;

/** Copies object bytes to standard output, stopping early when the reader went away (a closed pipe). */
final class Streams {
    private static final int BUFFER = 1 << 16;

    private Streams() {
    }

    /** Copies {@code in} to {@code out} until the end or until {@code out} reports an error; returns bytes copied. */
    static long copy(InputStream in, PrintStream out) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        int chunks = 0;
        for (int n; (n = in.read(buffer)) >= 0; ) {
            out.write(buffer, 0, n);
            total += n;
            // PrintStream swallows write errors; look every 1 MiB so `stowage cat big | head` ends promptly.
            if (++chunks % 16 == 0 && out.checkError()) {
                break;
            }
        }
        out.flush();
        return total;
    }
}
