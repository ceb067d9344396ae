package org.vfscope.app.workbench.task;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CancellationException;

import org.vfscope.vfs.VfsException;

/** Turns a failure into the one line a user reads: what went wrong, never a stack trace. */
public final class UserMessages {
    private UserMessages() {
    }

    public static String of(Throwable t) {
        Throwable e = t;
        while ((e instanceof java.util.concurrent.CompletionException || e instanceof java.util.concurrent.ExecutionException)
                && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof CancellationException) {
            return "Cancelled.";
        }
        if (e instanceof VfsException v) {
            String m = v.getMessage();
            return m == null || m.isBlank() ? v.errno().message() : m;
        }
        if (e instanceof NoSuchFileException n) {
            return "No such file: " + n.getFile();
        }
        if (e instanceof AccessDeniedException a) {
            return "Permission denied: " + a.getFile();
        }
        if (e instanceof IOException && e.getMessage() != null) {
            return e.getMessage();
        }
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return "Unexpected " + e.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
        }
        return m.strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
