package dev.stowage.cli;

import dev.stowage.SignedUrlOptions;
import dev.stowage.Storage;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code stowage sign KEY}: a signed URL that lets its holder download (or, with {@code --put},
 * upload) the object without credentials until it expires.
 */
@Command(name = "sign", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print a signed URL: download (GET) by default, upload with --put.")
final class SignCommand extends StorageCommand {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(s|m|h|d)");

    @Parameters(paramLabel = "KEY", description = "The object: key, disk:key or URI.")
    String source;

    @Option(names = "--put", description = "An upload URL instead of a download URL.")
    boolean put;

    @Option(names = "--expires", paramLabel = "DURATION", defaultValue = "15m",
            description = "How long the URL stays valid: 30s, 15m, 2h, 7d or ISO-8601 (PT15M); at most 7d. "
                    + "Default: ${DEFAULT-VALUE}.")
    String expires;

    @Option(names = "--download-name", paramLabel = "NAME",
            description = "For downloads: the file name the browser saves as.")
    String downloadName;

    @Option(names = "--content-type", paramLabel = "TYPE",
            description = "For uploads: the content type the uploader must send.")
    String contentType;

    @Override
    int run() {
        Location.ObjectRef ref = locations().object(source);
        String key = Locations.requireKey(ref);
        if (put && downloadName != null) {
            throw CliException.usage("--download-name applies to download URLs, not to --put");
        }
        if (!put && contentType != null) {
            throw CliException.usage("--content-type applies to upload URLs: add --put");
        }
        Duration validity = parseDuration(expires);
        SignedUrlOptions options = put ? SignedUrlOptions.put(validity) : SignedUrlOptions.get(validity);
        if (downloadName != null) {
            options = options.download(downloadName);
        }
        if (contentType != null) {
            options = options.contentType(contentType);
        }
        Storage storage = storage(ref);
        ctx.out().println(storage.signedUrl(key, options));
        return ExitCodes.OK;
    }

    static Duration parseDuration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            Matcher m = DURATION.matcher(t);
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
        } catch (RuntimeException e) {
            // fall through to the usage error
        }
        throw CliException.usage("--expires must look like 30s, 15m, 2h, 7d or PT15M, got '" + text + "'");
    }
}
