package dev.stowage.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code stowage completion [bash|zsh]}: prints a completion script made by picocli's
 * {@link AutoComplete} (it works in bash, and in zsh through {@code bashcompinit}).
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a shell completion script for stowage.",
            "bash: source <(stowage completion bash)",
            "zsh:  autoload -U +X bashcompinit && bashcompinit && source <(stowage completion zsh)"})
final class CompletionCommand extends StorageCommand {

    @Parameters(arity = "0..1", paramLabel = "SHELL", defaultValue = "bash", description = "bash (default) or zsh.")
    String shell;

    @Override
    int run() {
        if (!shell.equals("bash") && !shell.equals("zsh")) {
            throw CliException.usage("completion supports bash and zsh, not '" + shell + "'");
        }
        CommandLine root = spec.commandLine();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        String script = AutoComplete.bash("stowage", root);
        if (shell.equals("zsh")) {
            script = "#compdef stowage\nautoload -U +X bashcompinit && bashcompinit\n" + script;
        }
        ctx.out().print(script);
        return ExitCodes.OK;
    }
}
