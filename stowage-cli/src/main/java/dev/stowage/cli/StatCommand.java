package dev.stowage.cli;

import dev.stowage.ObjectInfo;
import dev.stowage.Storage;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code stowage stat KEY}: every field Stowage knows about an object, one per line. */
@Command(name = "stat", mixinStandardHelpOptions = true,
        description = "Show everything known about an object: size, type, dates, etag, checksums, metadata, tags.")
final class StatCommand extends StorageCommand {

    @Parameters(paramLabel = "KEY", description = "The object: key, disk:key or URI.")
    String source;

    @Override
    int run() {
        Location.ObjectRef ref = locations().object(source);
        String key = Locations.requireKey(ref);
        Storage storage = storage(ref);
        print(storage.stat(key), ctx.out());
        return ExitCodes.OK;
    }

    static void print(ObjectInfo info, PrintStream out) {
        line(out, "disk", info.disk());
        line(out, "key", info.key());
        line(out, "size", Show.bytes(info.size()));
        line(out, "content-type", info.contentType());
        line(out, "last-modified", info.lastModified() == null ? null : info.lastModified().toString());
        line(out, "etag", info.etag());
        line(out, "content-disposition", info.contentDisposition());
        line(out, "cache-control", info.cacheControl());
        new TreeMap<>(info.checksums()).forEach((algorithm, value) ->
                line(out, "checksum." + algorithm.name().toLowerCase(Locale.ROOT), value));
        print(out, "metadata.", info.metadata());
        print(out, "tag.", info.tags());
    }

    private static void print(PrintStream out, String prefix, Map<String, String> values) {
        new TreeMap<>(values).forEach((name, value) -> line(out, prefix + name, value));
    }

    private static void line(PrintStream out, String name, String value) {
        out.printf("%-20s %s%n", name + ":", value == null ? "-" : value);
    }
}
