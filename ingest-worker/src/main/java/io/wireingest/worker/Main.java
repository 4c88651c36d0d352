package io.wireingest.worker;

import io.wireingest.worker.cli.BenchCommand;
import io.wireingest.worker.cli.EvaluateExtractionCommand;
import io.wireingest.worker.cli.NormalizeCommand;
import io.wireingest.worker.cli.PublishCommand;
import io.wireingest.worker.cli.ReplayRejectedCommand;
import io.wireingest.worker.cli.RunCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ingest-worker.jar} entry point: sub-commands only, wiring only. */
@Command(
        name = "ingest-worker",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "wire-ingest: normalize news agency copy into ninjs articles, offline or as a Kafka worker.",
        subcommands = {
            NormalizeCommand.class,
            RunCommand.class,
            PublishCommand.class,
            ReplayRejectedCommand.class,
            BenchCommand.class,
            EvaluateExtractionCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main {
    /** Exit code for usage errors (bad options, unreadable files). */
    public static final int EXIT_USAGE = 2;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (also used by tests). */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExitCodeExceptionMapper(e -> EXIT_USAGE);
        cli.getCommandSpec().exitCodeOnInvalidInput(EXIT_USAGE);
        for (CommandLine sub : cli.getSubcommands().values()) {
            sub.getCommandSpec().exitCodeOnInvalidInput(EXIT_USAGE);
        }
        return cli;
    }

    /** Version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"wire-ingest " + (v == null ? "dev" : v)};
        }
    }
}
