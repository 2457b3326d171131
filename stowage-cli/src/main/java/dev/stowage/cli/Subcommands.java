package dev.stowage.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;

/**
 * The subcommands of {@code stowage}, in the order its help lists them. Building a command's model
 * is picocli's biggest startup cost (reflection over every option of every class), so a command
 * line that starts with a subcommand's name builds only that one ({@link #standalone}); the whole
 * tree is built for everything else (help, completion, usage errors, options before the command).
 */
final class Subcommands {
    /** Name (as in each class's {@code @Command(name)}) to class, in help order. */
    static final Map<String, Class<?>> ALL = all();

    /** Subcommands that look at the whole tree: they always get it. */
    private static final Set<String> NEED_TREE = Set.of("help", "completion");

    private Subcommands() {
    }

    private static Map<String, Class<?>> all() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("put", PutCommand.class);
        m.put("get", GetCommand.class);
        m.put("cat", CatCommand.class);
        m.put("ls", LsCommand.class);
        m.put("stat", StatCommand.class);
        m.put("rm", RmCommand.class);
        m.put("cp", CpCommand.class);
        m.put("mv", MvCommand.class);
        m.put("url", UrlCommand.class);
        m.put("sign", SignCommand.class);
        m.put("sync", SyncCommand.class);
        m.put("migrate", MigrateCommand.class);
        m.put("check", CheckCommand.class);
        m.put("disks", DisksCommand.class);
        m.put("doctor", DoctorCommand.class);
        m.put("serve", ServeCommand.class);
        m.put("completion", CompletionCommand.class);
        m.put("help", CommandLine.HelpCommand.class);
        return m;
    }

    /**
     * The one subcommand a command line needs, or null when it needs the whole tree: {@code args[0]}
     * must be a subcommand's exact name (an option before it could take the name as its value).
     */
    static Class<?> standalone(String... args) {
        if (args.length == 0 || NEED_TREE.contains(args[0])) {
            return null;
        }
        return ALL.get(args[0]);
    }
}
