package dev.stowage.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The top command, {@code stowage}: holds the options every subcommand inherits and lists the
 * subcommands. Run without a subcommand it prints its usage and exits with the usage code. The
 * subcommands ({@link Subcommands}) are added by {@link StowageCli#commandLine}, only the needed one
 * when that is enough.
 */
@Command(name = "stowage",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {"Store, read and list objects on any Stowage disk: the local disk",
            "(./storage), memory, S3 and S3-compatibles, GCS or Azure Blob."},
        footerHeading = "%nLocations:%n",
        footer = {
            "  key                   a key on the default disk (local, under ./storage)",
            "  local:key             a key on a named disk",
            "  s3://bucket/key?opts  URI: the authority names the disk, the path is the key",
            "  file:///srv/data#key  URI with '#' between disk and key (required for file:)",
            "  ./f /abs/f -          local files in cp and mv (- is stdin or stdout)",
            "",
            "Exit codes: 0 ok, 1 failure, 2 usage, 3 configuration. See docs/cli.md."
        })
final class StowageCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "On failure, print the stack trace after the error line.")
    boolean debug;

    CliContext ctx;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Read disks from this properties file (default: $STOWAGE_CONFIG, else ./stowage.properties).")
    void configFile(java.nio.file.Path file) {
        if (ctx != null && ctx.catalog() instanceof ConfiguredDisks configured) {
            configured.configFile(file);
        }
    }

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
            description = "Print nothing but requested output and errors.")
    boolean quiet;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
