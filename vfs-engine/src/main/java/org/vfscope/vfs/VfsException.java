package org.vfscope.vfs;

import java.util.Objects;

/**
 * A failed VFS operation: the kernel's negative return value as an exception. Unchecked so that
 * operation tables read like their kernel counterparts; every public entry point documents the
 * {@link Errno}s it raises.
 */
public class VfsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Errno errno;
    private final String where;

    public VfsException(Errno errno) {
        this(errno, null, null);
    }

    public VfsException(Errno errno, String where) {
        this(errno, where, null);
    }

    /**
     * @param where the path, inode or block the error concerns, or {@code null}
     * @param detail what exactly was wrong, for corrupt-image errors; or {@code null}
     */
    public VfsException(Errno errno, String where, String detail) {
        super(format(errno, where, detail));
        this.errno = Objects.requireNonNull(errno);
        this.where = where;
    }

    public Errno errno() {
        return errno;
    }

    /** The path or object the error concerns, if known. */
    public String where() {
        return where;
    }

    private static String format(Errno errno, String where, String detail) {
        StringBuilder sb = new StringBuilder();
        if (where != null) {
            sb.append(where).append(": ");
        }
        sb.append(errno.message());
        if (detail != null) {
            sb.append(" (").append(detail).append(')');
        }
        return sb.toString();
    }
}
