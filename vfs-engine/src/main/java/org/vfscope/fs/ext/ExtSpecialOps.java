package org.vfscope.fs.ext;

import org.vfscope.vfs.FileOperations;
import org.vfscope.vfs.Iattr;
import org.vfscope.vfs.InodeOperations;
import org.vfscope.vfs.dcache.Dentry;

/** Device nodes, fifos, sockets (and the file side of symlinks): the defaults, but read-only. */
final class ExtSpecialOps implements InodeOperations, FileOperations {
    @Override
    public void setattr(Dentry dentry, Iattr attr) {
        throw ExtSuper.readOnly(dentry.name());
    }
}
