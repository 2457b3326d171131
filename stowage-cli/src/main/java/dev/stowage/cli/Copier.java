package dev.stowage.cli;

import dev.stowage.Capability;
import dev.stowage.Content;
import dev.stowage.ObjectInfo;
import dev.stowage.ObjectNotFoundException;
import dev.stowage.PutOptions;
import dev.stowage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One {@code cp} or {@code mv} of a single object between any two locations: a local file to an
 * object (a put), an object to a local file (an atomic download), two keys on one disk (the disk's own
 * copy or move, server-side where the provider can) or two disks (streamed through this process,
 * keeping content type, disposition, cache control and metadata). A move deletes the source only after
 * the copy succeeded.
 *
 * <p>Folders ({@code cp -r}), sync and migrate go through {@link Transfers}.
 */
final class Copier {
    private final CliContext ctx;

    Copier(CliContext ctx) {
        this.ctx = ctx;
    }

    /** Copies (or moves) {@code source} to {@code target}; returns a line saying what was done. */
    String run(Location source, Location target, boolean move) throws IOException {
        String verb = move ? "mv" : "cp";
        return switch (source) {
            case Location.LocalFile file when target instanceof Location.LocalFile ->
                    throw CliException.usage(verb + " needs an object on at least one side: '" + file.shown()
                            + "' and '" + target.shown() + "' are both local files");
            case Location.LocalFile file -> fromFile(file, (Location.ObjectRef) target, move);
            case Location.ObjectRef object -> {
                Locations.requireKey(object);
                try {
                    yield target instanceof Location.LocalFile file
                            ? toFile(object, file, move)
                            : betweenObjects(object, (Location.ObjectRef) target, move);
                } catch (ObjectNotFoundException e) {
                    throw withLocalFileHint(object, e);
                }
            }
        };
    }

    private String fromFile(Location.LocalFile file, Location.ObjectRef target, boolean move) throws IOException {
        if (file.isStdio() && move) {
            throw CliException.usage("mv cannot move standard input; use cp");
        }
        Location.ObjectRef dest = target;
        if (target.isPrefix() && !file.isStdio() && !Locations.isBareRoot(target)) {
            dest = target.withKey(target.key() + file.path().getFileName());
        }
        String key = Locations.requireKey(dest);
        Storage storage = ctx.disks().open(dest.disk());
        Content content;
        if (file.isStdio()) {
            content = Content.of(ctx.in());
        } else {
            PutCommand.requireRegularFile(file);
            content = Content.of(file.path());
        }
        ObjectInfo info = storage.put(key, content);
        if (move) {
            Files.delete(file.path());
        }
        return (file.isStdio() ? "stdin" : Show.file(file.path(), ctx.workingDir())) + " -> "
                + Show.object(storage.name(), key) + " (" + Show.bytes(info.size()) + ")";
    }

    private String toFile(Location.ObjectRef object, Location.LocalFile file, boolean move) throws IOException {
        Storage storage = ctx.disks().open(object.disk());
        if (file.isStdio()) {
            if (move) {
                throw CliException.usage("mv cannot move to standard output; use cp");
            }
            try (InputStream in = storage.open(object.key())) {
                Streams.copy(in, ctx.out());
            }
            return null;
        }
        Path path = GetCommand.intoDirectory(file, file.shown().endsWith("/"), object.baseName());
        long bytes = storage.download(object.key(), path);
        if (move) {
            storage.delete(object.key());
        }
        return Show.object(storage.name(), object.key()) + " -> " + Show.file(path, ctx.workingDir()) + " ("
                + Show.bytes(bytes) + ")";
    }

    private String betweenObjects(Location.ObjectRef source, Location.ObjectRef target, boolean move) {
        Location.ObjectRef dest = target.isPrefix() && !Locations.isBareRoot(target)
                ? target.withKey(target.key() + source.baseName())
                : target;
        String key = Locations.requireKey(dest);
        Storage from = ctx.disks().open(source.disk());
        Storage to = ctx.disks().open(dest.disk());
        ObjectInfo info;
        if (source.disk().spec().equals(dest.disk().spec())) {
            info = move ? from.move(source.key(), key) : from.copy(source.key(), key);
        } else {
            info = stream(from, source.key(), to, key);
            if (move) {
                from.delete(source.key());
            }
        }
        return Show.object(from.name(), source.key()) + " -> " + Show.object(to.name(), key) + " ("
                + Show.bytes(info.size()) + ")";
    }

    /** Copies between two disks through this process, in constant memory. */
    private static ObjectInfo stream(Storage from, String sourceKey, Storage to, String targetKey) {
        ObjectInfo info = from.stat(sourceKey);
        PutOptions.Builder options = PutOptions.builder().contentType(info.contentType())
                .contentDisposition(info.contentDisposition()).cacheControl(info.cacheControl());
        if (to.capabilities().supports(Capability.METADATA)) {
            options.metadata(info.metadata());
        }
        if (to.capabilities().supports(Capability.TAGS) && !info.tags().isEmpty()) {
            options.tags(info.tags());
        }
        try (InputStream in = from.open(sourceKey)) {
            return to.put(targetKey, Content.of(in, info.size()), options.build());
        } catch (IOException e) {
            throw CliException.failure("closing the download of '" + sourceKey + "' failed: " + e.getMessage(), e);
        }
    }

    /** "object not found" for a plain key that is also a local file: say how to name the file. */
    private RuntimeException withLocalFileHint(Location.ObjectRef object, ObjectNotFoundException e) {
        boolean plainKey = object.shown().equals(object.key()) && object.disk().equals(ctx.catalog().defaultDisk());
        if (plainKey && Files.exists(ctx.workingDir().resolve(object.key()))) {
            return CliException.failure(e.getMessage() + " (to copy the local file, write ./" + object.key() + ")", e);
        }
        return e;
    }
}
