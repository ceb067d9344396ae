package org.vfscope.vfs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.vfscope.vfs.dcache.Dentry;
import org.vfscope.vfs.lock.LockClass;

/**
 * Extended attributes (fs/xattr.c): name and size limits, {@code xattr_permission}, and
 * dispatch to the superblock's {@link XattrHandler} for the name's prefix.
 */
public final class Xattr {
    private static final String USER = "user.";
    private static final String TRUSTED = "trusted.";
    private static final String SECURITY = "security.";
    private static final String SYSTEM = "system.";

    private Xattr() {
    }

    /** The checks getxattr/setxattr make on the name before any lookup: ERANGE if empty or too long. */
    public static void checkName(String name) {
        int len = name == null ? 0 : name.getBytes(StandardCharsets.UTF_8).length;
        if (len == 0 || len > XattrFlags.XATTR_NAME_MAX) {
            throw new VfsException(Errno.ERANGE);
        }
    }

    /** vfs_getxattr. */
    public static byte[] get(Path path, String name, Credentials cred) {
        Inode inode = path.inode();
        permission(inode, name, FileMode.MAY_READ, cred);
        XattrHandler h = handler(inode, name);
        if (!h.permits(inode, cred)) {
            throw new VfsException(Errno.ENODATA);
        }
        return h.get(path.dentry(), inode, name);
    }

    /** vfs_setxattr ({@code value == null}: vfs_removexattr). */
    public static void set(Path path, String name, byte[] value, int flags, Credentials cred) {
        Inode inode = path.inode();
        path.mnt().wantWrite();
        SuperBlock sb = inode.sb();
        sb.startWrite();
        inode.rwsem().lockExclusive(LockClass.I_RWSEM_NORMAL);
        try {
            permission(inode, name, FileMode.MAY_WRITE, cred);
            if (name.startsWith(SECURITY) && !cred.isRoot()) {
                // cap_inode_setxattr / cap_inode_removexattr: without an LSM, security.* needs CAP_SYS_ADMIN.
                throw new VfsException(Errno.EPERM);
            }
            XattrHandler h = handler(inode, name);
            if (!h.permits(inode, cred)) {
                throw new VfsException(Errno.EPERM);
            }
            h.set(path.dentry(), inode, name, value, flags);
            inode.setCtime(inode.currentTime());
            inode.markDirty(org.vfscope.vfs.icache.InodeState.I_DIRTY_SYNC);
        } finally {
            inode.rwsem().unlockExclusive();
            sb.endWrite();
        }
    }

    /** vfs_listxattr: the names of every namespace the caller may see. */
    public static List<String> list(Path path, Credentials cred) {
        Inode inode = path.inode();
        Dentry d = path.dentry();
        List<String> out = new ArrayList<>();
        for (XattrHandler h : inode.sb().xattrHandlers()) {
            if (h.prefix().equals(TRUSTED) && !cred.isRoot()) {
                continue;
            }
            if (h.permits(inode, cred)) {
                out.addAll(h.list(d, inode));
            }
        }
        return out;
    }

    /** xattr_permission. */
    private static void permission(Inode inode, String name, int mask, Credentials cred) {
        boolean write = (mask & FileMode.MAY_WRITE) != 0;
        if (name.startsWith(SECURITY) || name.startsWith(SYSTEM)) {
            return;
        }
        if (name.startsWith(TRUSTED)) {
            if (!cred.isRoot()) {
                throw new VfsException(write ? Errno.EPERM : Errno.ENODATA);
            }
            return;
        }
        if (name.startsWith(USER)) {
            if (!inode.isRegular() && !inode.isDir()) {
                throw new VfsException(write ? Errno.EPERM : Errno.ENODATA);
            }
            if (inode.isDir() && (inode.mode() & FileMode.S_ISVTX) != 0 && write
                    && !Permission.ownerOrCapable(inode, cred)) {
                throw new VfsException(Errno.EPERM);
            }
        }
        inode.iop().permission(inode, mask, cred);
    }

    /** xattr_resolve_name: EOPNOTSUPP without a handler, EINVAL for a bare prefix. */
    private static XattrHandler handler(Inode inode, String name) {
        for (XattrHandler h : inode.sb().xattrHandlers()) {
            if (name.startsWith(h.prefix())) {
                if (name.length() == h.prefix().length()) {
                    throw new VfsException(Errno.EINVAL);
                }
                return h;
            }
        }
        throw new VfsException(Errno.EOPNOTSUPP);
    }
}
