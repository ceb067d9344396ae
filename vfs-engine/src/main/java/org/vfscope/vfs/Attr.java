package org.vfscope.vfs;

import java.time.Instant;
import org.vfscope.vfs.dcache.Dentry;
import org.vfscope.vfs.icache.InodeState;
import org.vfscope.vfs.lock.LockClass;

/**
 * Attribute changes (fs/attr.c, fs/open.c, fs/utimes.c): who may chmod, chown, truncate or set
 * times, and {@code notify_change}, which calls {@code ->setattr} with the inode locked.
 */
public final class Attr {
    /** utimensat's UTIME_NOW: set this time to the current time. */
    public static final Instant UTIME_NOW = Instant.MIN;
    /** utimensat's UTIME_OMIT: leave this time alone. */
    public static final Instant UTIME_OMIT = Instant.MAX;

    private Attr() {
    }

    /** chmod_common: owner or root; the set-group-ID bit is dropped for a group one is not in. */
    public static void chmod(Path path, int mode, Credentials cred) {
        Inode inode = path.inode();
        path.mnt().wantWrite();
        lockAndChange(path.dentry(), cred, () -> {
            if (!Permission.ownerOrCapable(inode, cred)) {
                throw new VfsException(Errno.EPERM);
            }
            int m = mode & FileMode.S_IALLUGO;
            if (!cred.isRoot() && !cred.inGroup(inode.gid())) {
                m &= ~FileMode.S_ISGID;
            }
            return Iattr.mode(m, inode.currentTime());
        });
    }

    /**
     * chown_common with -1 meaning "unchanged": only root changes the owner (CAP_CHOWN); the
     * owner may change the group to one of their groups. A non-directory loses set-user-ID, and
     * set-group-ID if group-executable, as ATTR_KILL_SUID/SGID do.
     */
    public static void chown(Path path, int uid, int gid, Credentials cred) {
        Inode inode = path.inode();
        path.mnt().wantWrite();
        lockAndChange(path.dentry(), cred, () -> {
            Integer newUid = uid == -1 ? null : uid;
            Integer newGid = gid == -1 ? null : gid;
            if (newUid != null && !cred.isRoot() && !(newUid == inode.uid() && cred.uid() == inode.uid())) {
                throw new VfsException(Errno.EPERM);
            }
            if (newGid != null && !cred.isRoot()
                    && !(cred.uid() == inode.uid() && (newGid == inode.gid() || cred.inGroup(newGid)))) {
                throw new VfsException(Errno.EPERM);
            }
            Iattr attr = Iattr.owner(newUid, newGid, inode.currentTime());
            int mode = inode.mode();
            if (!inode.isDir()) {
                int kill = mode & FileMode.S_ISUID;
                if ((mode & (FileMode.S_ISGID | 010)) == (FileMode.S_ISGID | 010)) {
                    kill |= FileMode.S_ISGID;
                }
                if (kill != 0) {
                    attr = attr.withMode(mode & FileMode.S_IALLUGO & ~kill);
                }
            }
            return attr;
        });
    }

    /**
     * utimensat: setting both times to now needs ownership or write permission; anything else
     * (an explicit time, or UTIME_NOW beside UTIME_OMIT) needs ownership (CAP_FOWNER for root).
     */
    public static void utimes(Path path, Instant atime, Instant mtime, Credentials cred) {
        Inode inode = path.inode();
        path.mnt().wantWrite();
        lockAndChange(path.dentry(), cred, () -> {
            // Only (NOW, NOW) is ATTR_TOUCH; any other pair is ATTR_TIMES_SET, an owner's right.
            boolean explicit = atime != UTIME_NOW || mtime != UTIME_NOW;
            if (!Permission.ownerOrCapable(inode, cred)) {
                if (explicit) {
                    throw new VfsException(Errno.EPERM);
                }
                inode.iop().permission(inode, FileMode.MAY_WRITE, cred);
            }
            Instant now = inode.currentTime();
            Instant a = atime == UTIME_OMIT ? null : atime == UTIME_NOW ? now : atime;
            Instant m = mtime == UTIME_OMIT ? null : mtime == UTIME_NOW ? now : mtime;
            return Iattr.times(a, m, now);
        });
    }

    /**
     * do_truncate for truncate(2), ftruncate(2) and O_TRUNC: EINVAL below zero, EFBIG beyond
     * s_maxbytes; mtime and ctime change with the size, and set-ID bits go as on a write.
     */
    public static void truncate(Dentry dentry, long length, Credentials cred) {
        if (length < 0) {
            throw new VfsException(Errno.EINVAL);
        }
        Inode inode = dentry.inode();
        if (length > inode.sb().maxBytes()) {
            throw new VfsException(Errno.EFBIG);
        }
        lockAndChange(dentry, cred, () -> {
            Iattr attr = Iattr.size(length, inode.currentTime());
            int mode = inode.mode();
            int kill = mode & FileMode.S_ISUID;
            // dentry_needs_remove_privs: set-group-ID goes too when group-executable or not our group.
            if ((mode & FileMode.S_ISGID) != 0 && ((mode & 010) != 0 || !cred.inGroup(inode.gid()))) {
                kill |= FileMode.S_ISGID;
            }
            if (!cred.isRoot() && kill != 0) {
                attr = attr.withMode(mode & FileMode.S_IALLUGO & ~kill);
            }
            return attr;
        });
    }

    /** A change computed under the inode lock, so checks and update see the same inode. */
    @FunctionalInterface
    private interface Change {
        Iattr compute();
    }

    /** notify_change: i_rwsem exclusive around the check and ->setattr; the filesystem frozen-checked. */
    private static void lockAndChange(Dentry dentry, Credentials cred, Change change) {
        Inode inode = dentry.inode();
        SuperBlock sb = inode.sb();
        sb.startWrite();
        inode.rwsem().lockExclusive(LockClass.I_RWSEM_NORMAL);
        Credentials old = CurrentCredentials.set(cred);
        try {
            Iattr attr = change.compute();
            inode.iop().setattr(dentry, attr);
            inode.markDirty(InodeState.I_DIRTY_SYNC);
        } finally {
            CurrentCredentials.set(old);
            inode.rwsem().unlockExclusive();
            sb.endWrite();
        }
    }
}
