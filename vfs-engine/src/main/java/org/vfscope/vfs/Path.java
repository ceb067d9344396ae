package org.vfscope.vfs;

import org.vfscope.vfs.dcache.Dentry;

/** {@code struct path}: a dentry seen through the mount it was reached by. */
public record Path(Mount mnt, Dentry dentry) {

    public Inode inode() {
        return dentry.inode();
    }

    /** path_get: a reference on the dentry (mounts are pinned separately). */
    public Path get() {
        dentry.get();
        return this;
    }

    /** path_put. */
    public void put() {
        dentry.put();
    }

    public boolean isMountRoot() {
        return dentry == mnt.root();
    }
}
