package dev.stowage.cli;

import picocli.CommandLine;

/** Creates command objects and hands each subcommand the run's {@link CliContext}. */
final class CommandFactory implements CommandLine.IFactory {
    private final CliContext ctx;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    CommandFactory(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        K created = fallback.create(type);
        if (created instanceof StorageCommand command) {
            command.ctx = ctx;
        } else if (created instanceof StowageCommand top) {
            top.ctx = ctx;
        }
        return created;
    }
}
