package dev.stowage.driver.s3.ceph;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Messages about the Ceph fixture written to the process's real standard error, past Surefire's
 * capture of {@code System.err} into report files, so that "Ceph is not available" shows in the build
 * output and not only in a report nobody opens.
 */
final class Console {

    private static final PrintStream ERR = new PrintStream(new FileOutputStream(FileDescriptor.err), true,
            StandardCharsets.UTF_8);

    private Console() {
    }

    /** Prints each line of {@code text} with a {@code [ceph]} prefix to the real stderr. */
    static void say(String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        for (String line : text.split("\n")) {
            ERR.println("[ceph] " + line);
        }
    }
}
