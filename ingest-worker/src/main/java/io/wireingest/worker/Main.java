package io.wireingest.worker;

import io.wireingest.worker.cli.BenchCommand;
import io.wireingest.worker.cli.EvaluateExtractionCommand;
import io.wireingest.worker.cli.KafkaClientLogs;
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
        cli.setExecutionExceptionHandler(Main::unexpected);
        cli.setExecutionStrategy(Main::executeAndCheckOutput);
        cli.getCommandSpec().exitCodeOnInvalidInput(EXIT_USAGE);
        for (CommandLine sub : cli.getSubcommands().values()) {
            sub.getCommandSpec().exitCodeOnInvalidInput(EXIT_USAGE);
        }
        return cli;
    }

    /** Exit code for a failure no command handled itself (a broker timeout in mid-run, a full disk...). */
    public static final int EXIT_FAILURE = 1;

    /**
     * A command failed with an exception it did not handle: one line naming the command and each cause, not a stack
     * trace (set {@code WIRE_INGEST_STACK_TRACES=1} for one), and exit code 1: the input was fine, the run was not.
     */
    static int unexpected(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        StringBuilder line = new StringBuilder(command.getCommandName()).append(": failed: ");
        int depth = 0;
        for (Throwable t = e; t != null && depth < 5; t = t.getCause(), depth++) {
            if (depth > 0) {
                line.append(" <- caused by ");
            }
            line.append(t.getClass().getSimpleName());
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                line.append(": ").append(t.getMessage().lines().findFirst().orElse(""));
            }
        }
        command.getErr().println(line);
        if ("1".equals(System.getenv("WIRE_INGEST_STACK_TRACES"))) {
            e.printStackTrace(command.getErr());
        }
        command.getErr().flush();
        return EXIT_FAILURE;
    }

    /**
     * Runs the command, then makes sure what it wrote to standard output got there: a write error (a full disk, a
     * closed pipe) is reported in one line on stderr and the exit code is 1 instead of a silent 0. PrintStream keeps
     * such errors to itself, hence the check after the flush. While a command other than {@code run} runs, the Kafka
     * clients log at ERROR only ({@link KafkaClientLogs}).
     */
    static int executeAndCheckOutput(CommandLine.ParseResult parsed) {
        java.util.List<CommandLine> commands = parsed.asCommandLineList();
        CommandLine command = commands.get(commands.size() - 1);
        int exit;
        // the one-shot commands keep the Kafka clients' retry warnings off the terminal (run keeps them)
        try (KafkaClientLogs quiet = KafkaClientLogs.quietFor(command.getCommandName())) {
            exit = new CommandLine.RunLast().execute(parsed);
        }
        System.out.flush();
        if (System.out.checkError()) {
            command.getErr()
                    .println(command.getCommandName()
                            + ": cannot write to standard output (disk full or output closed?); the output is"
                            + " incomplete");
            command.getErr().flush();
            return exit == 0 ? EXIT_FAILURE : exit;
        }
        return exit;
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
