package org.vfscope.app.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vfscope.app.LogConfigurator;
import org.vfscope.app.cli.image.CommandFactory;
import org.vfscope.app.cli.image.ImageCommands;
import org.vfscope.vfs.VfsException;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The {@code vfscope} command line: builds the picocli command tree and runs it.
 *
 * <p>Errors are one line on stderr, {@code vfscope: <what went wrong>}, and exit status 1 (or the
 * status a {@link CommandFailure} carries, or 2 for an errno nobody caught); the stack trace
 * follows only with {@code --debug}.
 */
public final class Cli {

    /** Exit status of a usage error: a bad command line, or a file it names that is malformed. */
    public static final int EXIT_ERROR = 1;

    /** Exit status when an operation on an image failed; the message names the path and the reason. */
    public static final int EXIT_FAILED = 2;

    /** Exit status when a check found problems in a filesystem (reserved for fsck). */
    public static final int EXIT_PROBLEMS_FOUND = 4;

    /** Exit status when an image cannot be read at all (missing, no access, no driver recognises it, bad superblock). */
    public static final int EXIT_UNREADABLE_IMAGE = 8;

    private Cli() {
    }

    /**
     * Runs {@code vfscope args...} and returns the exit status. {@code stdout} takes raw bytes
     * ({@code cat}); {@code out} the text, written to the same place.
     */
    public static int run(Host host, OutputStream stdout, PrintWriter out, PrintWriter err, String... args) {
        return commandLine(host, stdout, out, err, args).execute(args);
    }

    /** {@link #run(Host, OutputStream, PrintWriter, PrintWriter, String...)} with raw bytes decoded as UTF-8 into {@code out}. */
    public static int run(Host host, PrintWriter out, PrintWriter err, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = run(host, bytes, out, err, args);
        out.print(bytes.toString(StandardCharsets.UTF_8));
        out.flush();
        return status;
    }

    /** The whole command tree. */
    static CommandLine commandLine(Host host, OutputStream stdout, PrintWriter out, PrintWriter err) {
        return commandLine(host, stdout, out, err, new String[0]);
    }

    /**
     * The command tree for {@code argv}: when the first argument names a subcommand, that one
     * alone under the root (picocli reflects over every command it is given: about a tenth of
     * a short command's run, for commands it will not use); otherwise all of them, for help,
     * the workbench and the messages about an unknown command.
     */
    static CommandLine commandLine(Host host, OutputStream stdout, PrintWriter out, PrintWriter err, String[] argv) {
        CommandLine cl = new CommandLine(new VfscopeCommand(host));
        List<CommandFactory> all = subcommands(host, stdout);
        List<CommandFactory> wanted = all;
        if (argv.length > 0) {
            for (CommandFactory f : all) {
                if (f.name().equals(argv[0])) {
                    wanted = List.of(f);
                    break;
                }
            }
        }
        wanted.forEach(f -> cl.addSubcommand(f.make().get()));
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionStrategy(parseResult -> {
            if (debugRequested(parseResult)) {
                enableDebugLogging();
            }
            try {
                return new CommandLine.RunLast().execute(parseResult);
            } catch (OutOfMemoryError e) {
                // Errors are not picocli's to handle; this one a user can act on.
                err.println("vfscope: out of memory: the Java heap is too small for this work;"
                        + " give it more with JAVA_OPTS=-Xmx1g");
                err.flush();
                return EXIT_FAILED;
            }
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
            if (ex instanceof java.nio.file.InvalidPathException) {
                // A host file name this JVM's locale cannot encode (LC_ALL=C and UTF-8 names).
                err.println("vfscope: a file name cannot be represented in this locale's character set;"
                        + " run with a UTF-8 locale, e.g. LC_ALL=C.UTF-8");
                err.flush();
                return EXIT_FAILED;
            }
            return ex instanceof CommandFailure f ? f.exitStatus() : ex instanceof VfsException ? EXIT_FAILED : EXIT_ERROR;
        });
        return cl;
    }

    /** Every subcommand, in the order {@code vfscope --help} lists them. */
    private static List<CommandFactory> subcommands(Host host, OutputStream stdout) {
        List<CommandFactory> all = new ArrayList<>();
        all.add(new CommandFactory(GuiCommand.class, () -> new GuiCommand(host)));
        all.add(new CommandFactory(RunCommand.class, RunCommand::new));
        all.addAll(ImageCommands.factories(stdout));
        all.add(new CommandFactory(VizDemoCommand.class, () -> new VizDemoCommand(host)));
        return all;
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
            logback.getLogger(LogConfigurator.QUIET_LOGGER).setLevel(Level.DEBUG); // quiet by default
        }
    }
}
