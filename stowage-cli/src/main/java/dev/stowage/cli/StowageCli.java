package dev.stowage.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The {@code stowage} command's entry point. Runs one command line, prints failures as one line on
 * stderr ({@code stowage: read of 'x' on disk 'local' failed: object not found}, plus the stack trace
 * with {@code --debug}) and exits with 0 (ok), 1 (failure), 2 (usage) or 3 (configuration).
 */
public final class StowageCli {

    private StowageCli() {
    }

    /** Runs the command line and exits the JVM with its exit code. */
    public static void main(String[] args) {
        startupSettings();
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        Path cwd = Path.of("").toAbsolutePath();
        int code;
        Disks disks = new Disks();
        ConfiguredDisks configured = new ConfiguredDisks(cwd, System.getenv());
        try {
            code = execute(new CliContext(System.in, out, err, cwd, disks, configured), args);
        } finally {
            try {
                configured.close();
            } catch (RuntimeException e) {
                err.println("stowage: closing a disk failed: " + Failures.message(e));
            }
            try {
                disks.close();
            } catch (RuntimeException e) {
                err.println("stowage: closing a disk failed: " + Failures.message(e));
            }
            out.flush();
        }
        if (code == ExitCodes.OK && !otherThreadsKeepTheJvm()) {
            // Returning ends the JVM with status 0. System.exit would first ask for a System.Logger
            // (JDK 21+ logs Runtime.exit at DEBUG), and finding the logger finder reads every jar on
            // the class path: a tenth or more of a cold run.
            return;
        }
        System.exit(code);
    }

    /** Whether a thread other than this one would keep the JVM alive after main returns. */
    private static boolean otherThreadsKeepTheJvm() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int count = root.enumerate(threads, true);
        for (int i = 0; i < count; i++) {
            Thread t = threads[i];
            if (t != Thread.currentThread() && t.isAlive() && !t.isDaemon()) {
                return true;
            }
        }
        return count == threads.length;   // more threads than room to list them: do not guess
    }

    /**
     * System properties that spare a short run from reading every jar on the class path (about 220
     * of them; opening them all is a large part of a cold run), each set only if the user did not:
     * picocli's default factory otherwise looks for Groovy's {@code Closure} class, and SLF4J (the
     * AWS SDK's logging) otherwise looks for providers with {@link java.util.ServiceLoader}; the CLI
     * ships none, so SLF4J's no-operation provider is named directly, which also drops the three
     * lines of warning SLF4J printed on every S3 command.
     */
    static void startupSettings() {
        setIfAbsent("picocli.disable.closures", "true");
        setIfAbsent("slf4j.provider", "org.slf4j.helpers.NOP_SLF4JServiceProvider");
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    /** Runs one command line in this JVM with the given context; returns the exit code. */
    static int execute(CliContext ctx, String... args) {
        if (ctx.catalog() instanceof ConfiguredDisks configured) {
            ctx.disks().configured(configured);
        }
        int code = commandLine(ctx, args).execute(args);
        ctx.out().flush();
        ctx.err().flush();
        return code;
    }

    /** The configured picocli command line for a context, with every subcommand. */
    static CommandLine commandLine(CliContext ctx) {
        return commandLine(ctx, new String[0]);
    }

    /**
     * The configured picocli command line to run {@code args}: with only the subcommand they name
     * when {@link Subcommands#standalone} allows, else with all of them.
     */
    static CommandLine commandLine(CliContext ctx, String... line) {
        CommandLine cl = new CommandLine(StowageCommand.class, new CommandFactory(ctx));
        Class<?> only = Subcommands.standalone(line);
        for (Class<?> sub : only != null ? java.util.List.<Class<?>>of(only) : Subcommands.ALL.values()) {
            cl.addSubcommand(sub);
        }
        cl.setOut(new PrintWriter(new OutputStreamWriter(ctx.out(), StandardCharsets.UTF_8), true));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(ctx.err(), StandardCharsets.UTF_8), true);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine failed = ex.getCommandLine();
            err.println("stowage: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for more information.");
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, failed, parseResult) -> {
            // One line, and no secret from a location's query even if a message quotes it.
            // One line, except configuration problems: the manager lists each disk's problems on its own line.
            String message = Failures.message(ex);
            if (Failures.exitCode(ex) != ExitCodes.CONFIGURATION) {
                message = message.replaceAll("\\R+", " ");
            }
            err.println("stowage: " + ctx.disks().mask(message));
            if (debugRequested(parseResult)) {
                StringWriter trace = new StringWriter();
                ex.printStackTrace(new PrintWriter(trace));
                err.print(ctx.disks().mask(trace.toString()));
            }
            err.flush();
            return Failures.exitCode(ex);
        });
        return cl;
    }

    private static boolean debugRequested(ParseResult result) {
        for (ParseResult r = result; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }
}
