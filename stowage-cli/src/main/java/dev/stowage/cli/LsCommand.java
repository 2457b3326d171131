package dev.stowage.cli;

import dev.stowage.ListRequest;
import dev.stowage.ObjectInfo;
import dev.stowage.Page;
import dev.stowage.Storage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code stowage ls [PREFIX]}: lists objects, as a folder view (one level, {@code /} as delimiter) or
 * recursively, fetching every page.
 */
@Command(name = "ls", mixinStandardHelpOptions = true, sortOptions = false,
        description = "List objects under a prefix: one level as folders (default) or everything below (-R).")
final class LsCommand extends StorageCommand {
    private static final String LONG_FORMAT = "%12s  %-19s  %-30s  %s";

    @Parameters(arity = "0..1", paramLabel = "PREFIX",
            description = "What to list: a key prefix, disk:prefix or URI. Default: the whole default disk. "
                    + "A prefix naming a folder lists its contents.")
    String prefix;

    @Option(names = {"-l", "--long"}, description = "Long form: size, last-modified (UTC), content type, key.")
    boolean longForm;

    @Option(names = "--json", description = "One JSON object per line (JSON Lines): key, size, lastModified, "
            + "contentType, etag; folders as {\"prefix\": ...}.")
    boolean json;

    @Option(names = {"-R", "--recursive"}, description = "Every object below the prefix, without folders.")
    boolean recursive;

    @Override
    int run() {
        Location.ObjectRef ref = prefix == null
                ? new Location.ObjectRef(ctx.catalog().defaultDisk(), "", "")
                : locations().object(prefix);
        Storage storage = storage(ref);
        ListRequest request = ListRequest.prefix(ref.key());
        if (!recursive) {
            request = request.folders();
            Page first = storage.list(request);
            String folder = ref.key() + "/";
            if (!ref.isPrefix() && first.objects().isEmpty() && !first.hasMore()
                    && first.prefixes().equals(List.of(folder))) {
                request = ListRequest.prefix(folder).folders();   // `ls docs` shows what is in docs/
            } else {
                print(first);
                request = first.hasMore() ? request.after(first.nextCursor()) : null;
            }
        }
        while (request != null) {
            Page page = storage.list(request);
            print(page);
            request = page.hasMore() ? request.after(page.nextCursor()) : null;
        }
        return ExitCodes.OK;
    }

    private void print(Page page) {
        // Objects and prefixes each come in key order; merge them so the output is sorted too.
        int o = 0;
        int p = 0;
        while (o < page.objects().size() || p < page.prefixes().size()) {
            boolean takeObject = p >= page.prefixes().size() || (o < page.objects().size()
                    && compare(page.objects().get(o).key(), page.prefixes().get(p)) < 0);
            if (takeObject) {
                printObject(page.objects().get(o++));
            } else {
                printFolder(page.prefixes().get(p++));
            }
        }
    }

    private void printObject(ObjectInfo info) {
        if (json) {
            ctx.out().println("{\"key\":" + Json.string(info.key()) + ",\"size\":" + info.size()
                    + ",\"lastModified\":" + Json.string(info.lastModified() == null ? null : info.lastModified().toString())
                    + ",\"contentType\":" + Json.string(info.contentType()) + ",\"etag\":" + Json.string(info.etag())
                    + "}");
            return;
        }
        ctx.out().println(longForm
                ? String.format(LONG_FORMAT, info.size(), Show.date(info.lastModified()), info.contentType(), info.key())
                : info.key());
    }

    private void printFolder(String folder) {
        if (json) {
            ctx.out().println("{\"prefix\":" + Json.string(folder) + "}");
            return;
        }
        ctx.out().println(longForm ? String.format(LONG_FORMAT, "-", "-", "folder", folder) : folder);
    }

    /** Compares keys by their UTF-8 bytes, the order every driver lists in. */
    private static int compare(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
                b.getBytes(StandardCharsets.UTF_8));
    }
}
