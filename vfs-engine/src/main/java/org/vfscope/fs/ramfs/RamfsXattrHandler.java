package org.vfscope.fs.ramfs;

import java.util.ArrayList;
import java.util.List;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.Inode;
import org.vfscope.vfs.VfsException;
import org.vfscope.vfs.XattrFlags;
import org.vfscope.vfs.XattrHandler;
import org.vfscope.vfs.dcache.Dentry;

/** Extended attributes of one namespace, stored with the node (as tmpfs keeps simple_xattrs). */
final class RamfsXattrHandler implements XattrHandler {
    private final RamStore store;
    private final String prefix;

    RamfsXattrHandler(RamStore store, String prefix) {
        this.store = store;
        this.prefix = prefix;
    }

    @Override
    public String prefix() {
        return prefix;
    }

    private static RamNode node(Inode inode) {
        return ((RamfsInode) inode).node();
    }

    @Override
    public byte[] get(Dentry dentry, Inode inode, String name) {
        synchronized (store) {
            byte[] v = node(inode).xattrs.get(name);
            if (v == null) {
                throw new VfsException(Errno.ENODATA);
            }
            return v.clone();
        }
    }

    @Override
    public void set(Dentry dentry, Inode inode, String name, byte[] value, int flags) {
        synchronized (store) {
            var xattrs = node(inode).xattrs;
            boolean exists = xattrs.containsKey(name);
            if (value == null) {
                if (!exists) {
                    throw new VfsException(Errno.ENODATA);
                }
                xattrs.remove(name);
                return;
            }
            if ((flags & XattrFlags.XATTR_CREATE) != 0 && exists) {
                throw new VfsException(Errno.EEXIST);
            }
            if ((flags & XattrFlags.XATTR_REPLACE) != 0 && !exists) {
                throw new VfsException(Errno.ENODATA);
            }
            xattrs.put(name, value.clone());
        }
    }

    @Override
    public List<String> list(Dentry dentry, Inode inode) {
        synchronized (store) {
            List<String> out = new ArrayList<>();
            for (String name : node(inode).xattrs.keySet()) {
                if (name.startsWith(prefix)) {
                    out.add(name);
                }
            }
            return out;
        }
    }
}
