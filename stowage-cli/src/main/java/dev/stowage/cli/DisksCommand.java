package dev.stowage.cli;

import dev.stowage.config.StowageConfig;
import dev.stowage.spi.DiskConfig;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/**
 * {@code stowage disks}: the configured disks, their drivers and settings (secret values shown as
 * {@code ****}), and where the configuration came from.
 */
@Command(name = "disks", mixinStandardHelpOptions = true,
        description = "List the configured disks: name, driver and settings (secrets masked).")
final class DisksCommand extends StorageCommand {

    @Override
    int run() {
        if (!(ctx.catalog() instanceof ConfiguredDisks configured)) {
            ctx.out().println(ctx.catalog().defaultDisk().display() + " (default)");
            return ExitCodes.OK;
        }
        StowageConfig config = configured.config();
        String def = safeDefault(config);
        ctx.out().printf("%-16s %-10s %s%n", "DISK", "DRIVER", "SETTINGS");
        for (String name : config.diskNames()) {
            DiskConfig disk = config.disk(name).orElseThrow();
            Map<String, String> settings = disk.maskedSettings();
            if (configured.embeddedOnly()) {
                settings = Map.of("root", ctx.workingDir().resolve("storage").toString());
            }
            String shown = settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(" "));
            ctx.out().printf("%-16s %-10s %s%n", name + (name.equals(def) ? "*" : ""),
                    disk.driver().isEmpty() ? "?" : disk.driver(), shown);
        }
        note("* default disk; configuration from " + String.join(", ", config.sources()));
        return ExitCodes.OK;
    }

    private static String safeDefault(StowageConfig config) {
        try {
            return config.defaultDisk();
        } catch (RuntimeException e) {
            return "";
        }
    }
}
