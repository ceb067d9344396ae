package org.vfscope.trace;

/** A line of a JSON Lines trace that is not a trace event; says which line and why. */
public final class TraceFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long lineNumber;

    public TraceFormatException(long lineNumber, String message, Throwable cause) {
        super("trace line " + lineNumber + ": " + message, cause);
        this.lineNumber = lineNumber;
    }

    /** 1 for the first line. */
    public long lineNumber() {
        return lineNumber;
    }
}
