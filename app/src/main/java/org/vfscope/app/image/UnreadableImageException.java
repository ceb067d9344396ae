package org.vfscope.app.image;

/** An image file that cannot be read at all: not readable, or no filesystem driver recognises it. */
public final class UnreadableImageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UnreadableImageException(String message) {
        super(message);
    }

    public UnreadableImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
