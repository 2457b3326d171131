package dev.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SubcommandsTest {

    @Test
    void each_registered_name_is_the_name_its_command_declares() {
        for (Map.Entry<String, Class<?>> e : Subcommands.ALL.entrySet()) {
            assertThat(e.getValue().getAnnotation(CommandLine.Command.class).name()).isEqualTo(e.getKey());
        }
    }

    @Test
    void a_line_starting_with_a_plain_subcommand_builds_only_that_one() {
        assertThat(Subcommands.standalone("put", "a", "b")).isEqualTo(PutCommand.class);
        assertThat(Subcommands.standalone("ls")).isEqualTo(LsCommand.class);
    }

    @Test
    void help_completion_options_first_and_unknown_names_get_the_whole_tree() {
        assertThat(Subcommands.standalone("help", "put")).isNull();
        assertThat(Subcommands.standalone("completion")).isNull();
        assertThat(Subcommands.standalone("--config", "x", "put")).isNull();
        assertThat(Subcommands.standalone("pt")).isNull();
        assertThat(Subcommands.standalone()).isNull();
    }

    @Test
    void the_lean_tree_still_has_the_inherited_options_and_the_whole_tree_lists_every_command() {
        CliContext ctx = new CliContext(java.io.InputStream.nullInputStream(), System.out, System.err,
                java.nio.file.Path.of("."), new Disks(), new EmbeddedDisks(java.nio.file.Path.of(".")));
        CommandLine lean = StowageCli.commandLine(ctx, "put", "f");
        assertThat(lean.getSubcommands().keySet()).containsExactly("put");
        assertThat(lean.getSubcommands().get("put").getCommandSpec().findOption("--quiet")).isNotNull();
        assertThat(lean.getSubcommands().get("put").getCommandSpec().findOption("--config")).isNotNull();
        assertThat(StowageCli.commandLine(ctx).getSubcommands().keySet())
                .containsExactlyElementsOf(Subcommands.ALL.keySet());
    }
}
