package dev.stowage.cli;

import dev.stowage.Storage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code stowage get KEY [FILE]}: downloads an object to a local file, atomically, or to stdout. */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = "Download an object to a local file (written atomically) or to standard output.")
final class GetCommand extends StorageCommand {

    @Parameters(index = "0", paramLabel = "KEY", description = "The object: key, disk:key or URI.")
    String source;

    @Parameters(index = "1", arity = "0..1", paramLabel = "FILE",
            description = "Where to write it: a file, a directory (existing, or ending in /), or - for standard "
                    + "output. Default: the key's last segment in the current directory.")
    String file;

    @Override
    int run() throws Exception {
        Location.ObjectRef ref = locations().object(source);
        String key = Locations.requireKey(ref);
        Storage storage = storage(ref);
        Location.LocalFile target = locations().file(file == null ? ref.baseName() : file);
        if (target.isStdio()) {
            long size = Terminal.stderrIsTerminal(ctx) ? storage.stat(key).size() : -1;
            try (Progress progress = Progress.bytes(ctx, matched("--quiet") || size < Progress.LARGE, "get", size);
                    InputStream in = progress.wrap(storage.open(key))) {
                Streams.copy(in, ctx.out());
            }
            return ExitCodes.OK;
        }
        Path path = intoDirectory(target, file != null && file.endsWith("/"), ref.baseName());
        long bytes = storage.download(key, path);
        note(Show.object(storage.name(), key) + " -> " + Show.file(path, ctx.workingDir()) + " ("
                + Show.bytes(bytes) + ")");
        return ExitCodes.OK;
    }

    /** The file to write: {@code target} itself, or {@code name} inside it when it is a directory. */
    static Path intoDirectory(Location.LocalFile target, boolean endsWithSlash, String name) {
        Path path = target.path();
        return endsWithSlash || Files.isDirectory(path) ? path.resolve(name) : path;
    }
}
