package dev.stowage.cli;

import dev.stowage.Storage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code stowage url KEY}: the public (or CDN) URL of an object. */
@Command(name = "url", mixinStandardHelpOptions = true,
        description = "Print the public (or CDN) URL of an object. It does not make the object public.")
final class UrlCommand extends StorageCommand {

    @Parameters(paramLabel = "KEY", description = "The object: key, disk:key or URI.")
    String source;

    @Override
    int run() {
        Location.ObjectRef ref = locations().object(source);
        String key = Locations.requireKey(ref);
        Storage storage = storage(ref);
        ctx.out().println(storage.url(key));
        return ExitCodes.OK;
    }
}
