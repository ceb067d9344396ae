package org.vfscope.app.cli.image;

import java.io.PrintWriter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vfscope.app.cli.Cli;
import org.vfscope.app.cli.CommandFailure;

/**
 * Failures a command reports and goes on past, as {@code ls -R} and {@code cp -r} do: one line on
 * stderr each, and exit status 2 at the end. The stack trace is logged at DEBUG ({@code --debug}).
 */
final class Problems {
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    private final PrintWriter err;
    private int count;

    Problems(PrintWriter err) {
        this.err = err;
    }

    synchronized void report(CommandFailure failure) {
        count++;
        err.println("vfscope: " + failure.getMessage());
        err.flush();
        LOG.debug("{}", failure.getMessage(), failure);
    }

    /** A note that is not a failure, e.g. a file type that cannot be exported. */
    synchronized void note(String message) {
        err.println("vfscope: note: " + message);
        err.flush();
    }

    /** 0, or 2 when anything was reported. */
    synchronized int exitStatus() {
        return count == 0 ? 0 : Cli.EXIT_FAILED;
    }
}
