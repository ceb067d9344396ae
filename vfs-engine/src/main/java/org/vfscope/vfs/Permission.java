package org.vfscope.vfs;

/**
 * generic_permission and its capability overrides (fs/namei.c): owner, group or other bits, with
 * root's CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH as Linux applies them.
 */
public final class Permission {
    private Permission() {
    }

    /** Throws EACCES unless {@code cred} may access {@code inode} with {@code mask} (MAY_*). */
    public static void generic(Inode inode, int mask, Credentials cred) {
        if (aclPermissionCheck(inode, mask, cred)) {
            return;
        }
        if (cred.isRoot()) {
            // CAP_DAC_OVERRIDE: read and write anything; execute only if some x bit is set,
            // but directories can always be searched.
            if ((mask & FileMode.MAY_EXEC) == 0 || inode.isDir() || (inode.mode() & 0111) != 0) {
                return;
            }
        }
        throw new VfsException(Errno.EACCES);
    }

    /** The plain mode-bit check (acl_permission_check without ACLs). */
    private static boolean aclPermissionCheck(Inode inode, int mask, Credentials cred) {
        int mode = inode.mode();
        int bits;
        if (cred.uid() == inode.uid()) {
            bits = (mode >> 6) & 7;
        } else if (cred.inGroup(inode.gid())) {
            bits = (mode >> 3) & 7;
        } else {
            bits = mode & 7;
        }
        return (mask & ~bits & 7) == 0;
    }

    /** inode_owner_or_capable: the owner, or root (CAP_FOWNER). */
    public static boolean ownerOrCapable(Inode inode, Credentials cred) {
        return cred.isRoot() || cred.uid() == inode.uid();
    }
}
