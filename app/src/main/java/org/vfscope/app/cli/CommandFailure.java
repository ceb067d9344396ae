package org.vfscope.app.cli;

/**
 * A command that failed in a way scripts may tell apart by exit status; the message is the one
 * line the user sees after {@code vfscope: }.
 */
public final class CommandFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitStatus;

    public CommandFailure(int exitStatus, String message, Throwable cause) {
        super(message, cause);
        this.exitStatus = exitStatus;
    }

    public int exitStatus() {
        return exitStatus;
    }
}
