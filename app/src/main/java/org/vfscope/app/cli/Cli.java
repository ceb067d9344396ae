package org.vfscope.app.cli;

import java.io.PrintWriter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The {@code vfscope} command line: builds the picocli command tree and runs it.
 *
 * <p>Errors are one line on stderr, {@code vfscope: <what went wrong>}, and exit status 1 (or the
 * status a {@link CommandFailure} carries); the stack trace follows only with {@code --debug}.
 */
public final class Cli {

    /** Exit status of a usage error and of a failed command alike. */
    public static final int EXIT_ERROR = 1;

    /** Exit status when an image cannot be read at all (no driver recognises it, or no access). */
    public static final int EXIT_UNREADABLE_IMAGE = 8;

    private Cli() {
    }

    /** Runs {@code vfscope args...} and returns the exit status. */
    public static int run(Host host, PrintWriter out, PrintWriter err, String... args) {
        return commandLine(host, out, err).execute(args);
    }

    static CommandLine commandLine(Host host, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new VfscopeCommand(host));
        cl.addSubcommand(new GuiCommand(host));
        cl.addSubcommand(new RunCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionStrategy(parseResult -> {
            if (debugRequested(parseResult)) {
                enableDebugLogging();
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            err.println(oneLine("vfscope: ", ex)
                    + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            if (debugRequested(rootOf(ex.getCommandLine()).getParseResult())) {
                ex.printStackTrace(err);
            }
            err.flush();
            return EXIT_ERROR;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            err.println(oneLine("vfscope: ", ex));
            if (debugRequested(parseResult)) {
                ex.printStackTrace(err);
            }
            err.flush();
            return ex instanceof CommandFailure f ? f.exitStatus() : EXIT_ERROR;
        });
        return cl;
    }

    private static String oneLine(String prefix, Exception ex) {
        String message = ex.getMessage() != null && !ex.getMessage().isBlank()
                ? ex.getMessage()
                : ex.getClass().getName();
        return prefix + message.strip().replaceAll("\\s*\\R\\s*", "; ");
    }

    private static CommandLine rootOf(CommandLine cl) {
        return cl.getParent() == null ? cl : rootOf(cl.getParent());
    }

    /** {@code --debug} may come before or after the subcommand name. */
    private static boolean debugRequested(ParseResult parseResult) {
        for (ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
            if (pr.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }

    private static void enableDebugLogging() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
            logback.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.DEBUG);
        }
    }
}
