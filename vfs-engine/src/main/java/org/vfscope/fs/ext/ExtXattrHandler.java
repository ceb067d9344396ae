package org.vfscope.fs.ext;

import java.util.ArrayList;
import java.util.List;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.Inode;
import org.vfscope.vfs.VfsException;
import org.vfscope.vfs.XattrHandler;
import org.vfscope.vfs.dcache.Dentry;

/**
 * ext4's xattr handlers (ext4_xattr_user_handler, _trusted_, _security_, and the POSIX ACL
 * ones under "system."): each serves the on-disk entries of its name indexes; set goes through
 * {@link ExtXattrWriter}. system.data (inline data) is not listed, as in Linux.
 */
final class ExtXattrHandler implements XattrHandler {
    private final ExtSuper fs;
    private final String prefix;

    ExtXattrHandler(ExtSuper fs, String prefix) {
        this.fs = fs;
        this.prefix = prefix;
    }

    @Override
    public String prefix() {
        return prefix;
    }

    /** Whether an on-disk entry belongs to this handler's namespace. */
    private boolean serves(ExtXattrs.Entry e) {
        if (e.index() == ExtXattrs.INDEX_SYSTEM || e.index() == ExtXattrs.INDEX_RICHACL) {
            return false;
        }
        String name = e.fullName();
        return name != null && name.startsWith(prefix);
    }

    @Override
    public byte[] get(Dentry dentry, Inode inode, String name) {
        return fs.guard(inode.ino(), () -> {
            ExtInode ei = (ExtInode) inode;
            for (ExtXattrs.Entry e : ExtXattrs.all(fs.fs(), ei.raw())) {
                if (serves(e) && name.equals(e.fullName())) {
                    return e.index() == ExtXattrs.INDEX_POSIX_ACL_ACCESS
                            || e.index() == ExtXattrs.INDEX_POSIX_ACL_DEFAULT
                            ? PosixAcl.toXattr(inode.ino(), e.value()) : e.value();
                }
            }
            throw new VfsException(Errno.ENODATA);
        });
    }

    /** ext2_xattr_set through {@link ExtXattrWriter}; the VFS holds i_rwsem exclusive. */
    @Override
    public void set(Dentry dentry, Inode inode, String name, byte[] value, int flags) {
        if (!fs.canWrite()) {
            throw fs.readOnly("setxattr " + name);
        }
        fs.guard(inode.ino(), () -> {
            fs.xattrWriter().set((ExtInode) inode, name, value, flags);
            return null;
        });
    }

    @Override
    public List<String> list(Dentry dentry, Inode inode) {
        return fs.guard(inode.ino(), () -> {
            List<String> out = new ArrayList<>();
            for (ExtXattrs.Entry e : ExtXattrs.all(fs.fs(), ((ExtInode) inode).raw())) {
                if (serves(e)) {
                    out.add(e.fullName());
                }
            }
            return out;
        });
    }
}
