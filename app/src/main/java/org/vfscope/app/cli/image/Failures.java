package org.vfscope.app.cli.image;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

import org.vfscope.app.cli.Cli;
import org.vfscope.app.cli.CommandFailure;
import org.vfscope.vfs.VfsException;

/**
 * The messages of failed operations, worded as coreutils words them: {@code cannot stat '/x': No
 * such file or directory}. They name the path as the user gave it and say why.
 */
final class Failures {
    private Failures() {
    }

    /** "cannot {@code what} '{@code path}': reason", exit status 2. */
    static CommandFailure cannot(String what, String path, RuntimeException e) {
        return new CommandFailure(Cli.EXIT_FAILED, "cannot " + what + " '" + path + "': " + reason(e), e);
    }

    /** "cannot {@code what} '{@code path}': reason", exit status 2, for a local file. */
    static CommandFailure cannot(String what, String path, IOException e) {
        return new CommandFailure(Cli.EXIT_FAILED, "cannot " + what + " '" + path + "': " + reason(e), e);
    }

    /**
     * A local name the JVM could not decode in the host's file-name encoding (a name that is not
     * valid UTF-8, or any non-ASCII name under the C locale), exit status 2: it cannot be
     * written into an image as it is.
     */
    static CommandFailure undecodableName(String path) {
        String encoding = System.getProperty("sun.jnu.encoding", "unknown");
        return new CommandFailure(Cli.EXIT_FAILED, "cannot import '" + path + "': its name is not valid in the"
                + " file-name encoding " + encoding + " (a UTF-8 locale, such as LC_ALL=C.UTF-8, reads UTF-8 names)",
                null);
    }

    /**
     * Why an engine call failed: the errno's message and any detail. A path the engine names is
     * left out (the message names the user's path already); an inode or block it names is kept.
     */
    static String reason(RuntimeException e) {
        if (!(e instanceof VfsException v)) {
            // Not an errno but a bug: say so, briefly; --debug shows the stack trace.
            return "internal error: " + e;
        }
        String message = v.getMessage();
        String where = v.where();
        if (where != null && where.startsWith("/") && message.startsWith(where + ": ")) {
            return message.substring(where.length() + 2);
        }
        return message;
    }

    /** Why a local file operation failed, in strerror's words where Java has a type for it. */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        } else if (e instanceof AccessDeniedException) {
            return "Permission denied";
        } else if (e instanceof FileAlreadyExistsException) {
            return "File exists";
        } else if (e instanceof DirectoryNotEmptyException) {
            return "Directory not empty";
        } else if (e instanceof NotDirectoryException) {
            return "Not a directory";
        } else if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
