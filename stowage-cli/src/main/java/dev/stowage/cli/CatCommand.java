package dev.stowage.cli;

import dev.stowage.ByteRange;
import dev.stowage.Storage;
import java.io.InputStream;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stowage cat KEY...}: streams objects to standard output, one after the other. */
@Command(name = "cat", mixinStandardHelpOptions = true,
        description = "Stream objects to standard output, one after the other.")
final class CatCommand extends StorageCommand {
    private static final Pattern RANGE = Pattern.compile("(\\d*)-(\\d*)");

    @Parameters(arity = "1..*", paramLabel = "KEY", description = "The objects: key, disk:key or URI.")
    List<String> sources;

    @Option(names = "--range", paramLabel = "FIRST-LAST",
            description = "Only these bytes, as in HTTP: 0-99 (first 100), 100- (from 100 on), -100 (last 100).")
    String range;

    @Override
    int run() throws Exception {
        ByteRange bytes = range == null ? ByteRange.ALL : parseRange(range);
        for (String source : sources) {
            Location.ObjectRef ref = locations().object(source);
            String key = Locations.requireKey(ref);
            Storage storage = storage(ref);
            try (InputStream in = storage.open(key, bytes)) {
                Streams.copy(in, ctx.out());
            }
        }
        return ExitCodes.OK;
    }

    static ByteRange parseRange(String text) {
        Matcher m = RANGE.matcher(text.strip());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            throw CliException.usage("--range must look like 0-99, 100- or -100, got '" + text + "'");
        }
        try {
            if (m.group(1).isEmpty()) {
                return ByteRange.suffix(Long.parseLong(m.group(2)));
            }
            long first = Long.parseLong(m.group(1));
            return m.group(2).isEmpty() ? ByteRange.from(first) : ByteRange.of(first, Long.parseLong(m.group(2)));
        } catch (NumberFormatException e) {
            throw CliException.usage("--range offsets are too large: '" + text + "'");
        }
    }
}
