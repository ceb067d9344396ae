package org.vfscope.fs.ramfs;

import org.vfscope.vfs.Inode;
import org.vfscope.vfs.InodeOperations;
import org.vfscope.vfs.dcache.Dentry;

/** Symlinks keep their target in the inode (i_link), as simple_get_link serves it. */
final class RamfsSymlinkOps implements InodeOperations {
    @Override
    public String getLink(Dentry dentry, Inode inode) {
        return inode.cachedLink();
    }
}
