package org.vfscope.fs.ramfs;

import org.vfscope.vfs.Inode;
import org.vfscope.vfs.SuperBlock;

/** A ramfs in-memory inode: the VFS inode plus its node on the RAM disk. */
final class RamfsInode extends Inode {
    private RamNode node;

    RamfsInode(SuperBlock sb, long ino) {
        super(sb, ino);
    }

    RamNode node() {
        return node;
    }

    void setNode(RamNode node) {
        this.node = node;
    }
}
