package org.vfscope.sys;

import java.util.List;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.OpenFile;
import org.vfscope.vfs.Path;
import org.vfscope.vfs.VfsException;
import org.vfscope.vfs.Xattr;
import org.vfscope.vfs.XattrFlags;
import org.vfscope.vfs.namei.LookupFlags;

/** getxattr, setxattr, listxattr, removexattr and their l- and f- forms (fs/xattr.c). */
final class XattrCalls {
    private final Process p;

    XattrCalls(Process p) {
        this.p = p;
    }

    byte[] get(String path, String name, boolean follow) {
        return p.call(() -> {
            Xattr.checkName(name);
            return onPath(path, follow, target -> Xattr.get(target, name, p.credentials()));
        });
    }

    byte[] fget(int fd, String name) {
        return p.call(() -> {
            Xattr.checkName(name);
            return onFile(fd, f -> Xattr.get(f.path(), name, p.credentials()));
        });
    }

    /** getxattr into a caller's buffer: size query with an empty one, ERANGE if too small. */
    int getInto(String path, String name, byte[] buf) {
        byte[] value = get(path, name, true);
        if (buf.length == 0) {
            return value.length;
        }
        if (buf.length < value.length) {
            throw new VfsException(Errno.ERANGE, path);
        }
        System.arraycopy(value, 0, buf, 0, value.length);
        return value.length;
    }

    /** setxattr: EINVAL for unknown flags, ERANGE for a bad name, E2BIG for a value over 64 KiB. */
    void set(String path, String name, byte[] value, int flags, boolean follow) {
        p.run(() -> {
            checkSet(name, value, flags);
            onPath(path, follow, target -> {
                Xattr.set(target, name, value, flags, p.credentials());
                return null;
            });
        });
    }

    void fset(int fd, String name, byte[] value, int flags) {
        p.run(() -> {
            checkSet(name, value, flags);
            onFile(fd, f -> {
                Xattr.set(f.path(), name, value, flags, p.credentials());
                return null;
            });
        });
    }

    private static void checkSet(String name, byte[] value, int flags) {
        if ((flags & ~(XattrFlags.XATTR_CREATE | XattrFlags.XATTR_REPLACE)) != 0) {
            throw new VfsException(Errno.EINVAL);
        }
        Xattr.checkName(name);
        if (value == null) {
            throw new VfsException(Errno.EINVAL);
        }
        if (value.length > XattrFlags.XATTR_SIZE_MAX) {
            throw new VfsException(Errno.E2BIG);
        }
    }

    List<String> list(String path, boolean follow) {
        return p.call(() -> onPath(path, follow, target -> Xattr.list(target, p.credentials())));
    }

    List<String> flist(int fd) {
        return p.call(() -> onFile(fd, f -> Xattr.list(f.path(), p.credentials())));
    }

    void remove(String path, String name, boolean follow) {
        p.run(() -> {
            Xattr.checkName(name);
            onPath(path, follow, target -> {
                Xattr.set(target, name, null, 0, p.credentials());
                return null;
            });
        });
    }

    void fremove(int fd, String name) {
        p.run(() -> {
            Xattr.checkName(name);
            onFile(fd, f -> {
                Xattr.set(f.path(), name, null, 0, p.credentials());
                return null;
            });
        });
    }

    private <T> T onPath(String path, boolean follow, java.util.function.Function<Path, T> action) {
        return NameCalls.named(path, () -> {
            Path target = p.walker().lookup(path, follow ? LookupFlags.FOLLOW : 0);
            try {
                return action.apply(target);
            } finally {
                target.put();
            }
        });
    }

    private <T> T onFile(int fd, java.util.function.Function<OpenFile, T> action) {
        OpenFile f = p.fds().get(fd);
        try {
            return action.apply(f);
        } finally {
            f.put();
        }
    }
}
