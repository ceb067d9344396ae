package org.vfscope.sys;

import org.vfscope.vfs.Errno;
import org.vfscope.vfs.Path;
import org.vfscope.vfs.VfsException;
import org.vfscope.vfs.namei.LookupFlags;

/** mount, umount, remount, freeze and thaw (fs/namespace.c, fs/super.c, FIFREEZE / FITHAW). */
final class MountCalls {
    private final Process p;

    MountCalls(Process p) {
        this.p = p;
    }

    private void requireAdmin() {
        if (!p.credentials().isRoot()) {
            throw new VfsException(Errno.EPERM);
        }
    }

    void mount(String source, String target, String type, String options) {
        p.run(() -> NameCalls.namedRun(target, () -> {
            requireAdmin();
            Path where = p.walker().lookup(target, LookupFlags.FOLLOW);
            try {
                p.kernel().mount(where, type, source, options);
            } finally {
                where.put();
            }
        }));
    }

    /** The mount whose root {@code target} names; EINVAL if it is not a mount's root. */
    private Path mountRoot(String target) {
        Path where = p.walker().lookup(target, LookupFlags.FOLLOW);
        if (!where.isMountRoot()) {
            where.put();
            throw new VfsException(Errno.EINVAL);
        }
        return where;
    }

    void umount(String target) {
        p.run(() -> NameCalls.namedRun(target, () -> {
            requireAdmin();
            Path where = mountRoot(target);
            where.put();
            p.kernel().umount(where.mnt());
        }));
    }

    void remount(String target, String options) {
        p.run(() -> NameCalls.namedRun(target, () -> {
            requireAdmin();
            Path where = mountRoot(target);
            try {
                p.kernel().remount(where.mnt(), options);
            } finally {
                where.put();
            }
        }));
    }

    void freeze(String path) {
        p.run(() -> NameCalls.namedRun(path, () -> {
            requireAdmin();
            Path where = p.walker().lookup(path, LookupFlags.FOLLOW);
            try {
                where.inode().sb().freeze();
            } finally {
                where.put();
            }
        }));
    }

    void thaw(String path) {
        p.run(() -> NameCalls.namedRun(path, () -> {
            requireAdmin();
            Path where = p.walker().lookup(path, LookupFlags.FOLLOW);
            try {
                where.inode().sb().thaw();
            } finally {
                where.put();
            }
        }));
    }
}
