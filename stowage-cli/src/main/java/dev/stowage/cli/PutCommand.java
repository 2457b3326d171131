package dev.stowage.cli;

import dev.stowage.Content;
import dev.stowage.ObjectInfo;
import dev.stowage.PutOptions;
import dev.stowage.Storage;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stowage put FILE [KEY]}: stores a local file, or standard input, as an object. */
@Command(name = "put", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Store a local file (or standard input) as an object.")
final class PutCommand extends StorageCommand {

    @Parameters(index = "0", paramLabel = "FILE", description = "The local file to store, or - for standard input.")
    String file;

    @Parameters(index = "1", arity = "0..1", paramLabel = "KEY",
            description = "Where to store it: key, disk:key or URI. Default: the file's name. "
                    + "A KEY ending in / gets the file's name appended.")
    String target;

    @Option(names = "--content-type", paramLabel = "TYPE",
            description = "MIME type to store (default: detected from the key's extension and the first bytes).")
    String contentType;

    @Option(names = "--meta", paramLabel = "NAME=VALUE", description = "User metadata; repeat for more.")
    Map<String, String> metadata = new LinkedHashMap<>();

    @Option(names = "--tag", paramLabel = "NAME=VALUE", description = "An object tag; repeat for more.")
    Map<String, String> tags = new LinkedHashMap<>();

    @Option(names = "--cache-control", paramLabel = "VALUE", description = "Cache-Control to store.")
    String cacheControl;

    @Option(names = "--content-disposition", paramLabel = "VALUE", description = "Content-Disposition to store.")
    String contentDisposition;

    @Option(names = "--if-none-match", description = "Create only: fail if the key already exists.")
    boolean ifNoneMatch;

    @Option(names = "--if-match", paramLabel = "ETAG", description = "Replace only the version with this etag.")
    String ifMatch;

    @Override
    int run() {
        Location.LocalFile source = locations().file(file);
        Location.ObjectRef dest = destination(source);
        String key = Locations.requireKey(dest);
        PutOptions.Builder options = PutOptions.builder().contentType(contentType).metadata(metadata).tags(tags)
                .cacheControl(cacheControl).contentDisposition(contentDisposition);
        if (ifNoneMatch) {
            options.ifNoneMatch();
        }
        if (ifMatch != null) {
            options.ifMatch(ifMatch);
        }
        Content content;
        if (source.isStdio()) {
            content = Content.of(ctx.in());
        } else {
            requireRegularFile(source);
            content = Content.of(source.path());
        }
        Storage storage = storage(dest);
        ObjectInfo info;
        try (Progress progress = Progress.bytes(ctx, matched("--quiet"), "put", content.length())) {
            if (progress.writeListener() != null) {
                options.progress(progress.writeListener());
            }
            info = storage.put(key, content, options.build());
        }
        note((source.isStdio() ? "stdin" : Show.file(source.path(), ctx.workingDir())) + " -> "
                + Show.object(storage.name(), key) + " (" + Show.bytes(info.size()) + ", " + info.contentType() + ")");
        return ExitCodes.OK;
    }

    private Location.ObjectRef destination(Location.LocalFile source) {
        if (target == null) {
            if (source.isStdio()) {
                throw CliException.usage("put - (standard input) needs a KEY to store it under");
            }
            String name = source.path().getFileName().toString();
            return new Location.ObjectRef(ctx.catalog().defaultDisk(), name, name);
        }
        Location.ObjectRef dest = locations().object(target);
        if (dest.isPrefix() && !source.isStdio() && !Locations.isBareRoot(dest)) {
            return dest.withKey(dest.key() + source.path().getFileName());
        }
        return dest;
    }

    static void requireRegularFile(Location.LocalFile source) {
        if (Files.isDirectory(source.path())) {
            throw CliException.usage("'" + source.shown() + "' is a directory; give a file");
        }
        if (!Files.isRegularFile(source.path())) {
            throw CliException.failure("local file '" + source.shown() + "': no such file or directory", null);
        }
    }
}
