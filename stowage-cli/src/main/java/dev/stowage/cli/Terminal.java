package dev.stowage.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether the process's standard streams are terminals (progress bars, confirmation prompts). */
final class Terminal {

    private Terminal() {
    }

    /** Whether file descriptor {@code fd} (0, 1, 2) is a terminal; {@code false} when it cannot be told. */
    static boolean isTerminal(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null && fd != 0;
        }
    }

    /** Whether this run's stderr is the process's stderr and a terminal. */
    static boolean stderrIsTerminal(CliContext ctx) {
        return ctx.err() != null && ctx.isProcessStreams() && isTerminal(2);
    }

    /** Whether this run's stdin is the process's stdin and a terminal. */
    static boolean stdinIsTerminal(CliContext ctx) {
        return ctx.in() == System.in && isTerminal(0);
    }
}
