package org.vfscope.app.cli;

/**
 * A command that failed in a way scripts may tell apart by exit status; the message is the one
 * line the user sees after {@code vfscope: }.
 */
final class CommandFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitStatus;

    CommandFailure(int exitStatus, String message, Throwable cause) {
        super(message, cause);
        this.exitStatus = exitStatus;
    }

    int exitStatus() {
        return exitStatus;
    }
}
