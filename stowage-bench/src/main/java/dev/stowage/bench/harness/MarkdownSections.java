package dev.stowage.bench.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Rewrites the generated parts of {@code docs/benchmarks.md}: each lies between
 * {@code <!-- bench:ID -->} and {@code <!-- /bench:ID -->}; everything outside the markers (the
 * analysis, the profiles) is written by people and left alone. A section not yet in the file is
 * appended at the end.
 */
public final class MarkdownSections {
    private MarkdownSections() {
    }

    /** Replaces (or appends) section {@code id} of {@code file} with {@code content}. */
    public static void replace(Path file, String id, String content) throws IOException {
        String open = "<!-- bench:" + id + " -->";
        String close = "<!-- /bench:" + id + " -->";
        String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "# Benchmarks\n";
        String body = open + "\n" + content.strip() + "\n" + close;
        int from = text.indexOf(open);
        int to = text.indexOf(close);
        String updated;
        if (from >= 0 && to > from) {
            updated = text.substring(0, from) + body + text.substring(to + close.length());
        } else {
            updated = text.stripTrailing() + "\n\n" + body + "\n";
        }
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, updated, StandardCharsets.UTF_8);
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
