package org.vfscope.app.image;

/**
 * The image is readable but the command line does not say which of its filesystems to use, or
 * names a partition it does not have (a usage error: the user must change {@code --partition}).
 */
public final class PartitionChoiceException extends Exception {
    private static final long serialVersionUID = 1L;

    public PartitionChoiceException(String message) {
        super(message);
    }
}
