package org.vfscope.vfs;

import java.util.List;
import org.vfscope.vfs.dcache.Dentry;

/**
 * {@code struct xattr_handler}: the extended attributes of one name prefix ("user.", "trusted."...).
 * {@code get} and {@code list} run without i_rwsem; {@code set} with it exclusive (locking.rst).
 */
public interface XattrHandler {

    /** The prefix this handler serves, including the dot. */
    String prefix();

    /** Whether {@code cred} may see and use this namespace on {@code inode} at all. */
    default boolean permits(Inode inode, Credentials cred) {
        return true;
    }

    /** ENODATA when absent. {@code name} is the full name, prefix included. */
    byte[] get(Dentry dentry, Inode inode, String name);

    /** {@code value == null} removes (ENODATA when absent). Honours XATTR_CREATE / XATTR_REPLACE. */
    void set(Dentry dentry, Inode inode, String name, byte[] value, int flags);

    /** The full names of this namespace's attributes on the inode. */
    List<String> list(Dentry dentry, Inode inode);
}
