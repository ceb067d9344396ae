package org.vfscope.fs.ext;

import org.vfscope.vfs.Inode;
import org.vfscope.vfs.SuperBlock;

/**
 * The in-memory ext inode (ext4_inode_info around the VFS inode): the on-disk inode it was read
 * from and the block map its flags call for. Set once while the inode is I_NEW.
 */
public final class ExtInode extends Inode {
    private volatile ExtInodeRaw raw;
    private volatile BlockMap blockMap;

    ExtInode(SuperBlock sb, long ino) {
        super(sb, ino);
    }

    /** The on-disk inode this one was read from. */
    public ExtInodeRaw raw() {
        return raw;
    }

    /** The block map (null for inline-data inodes, fast symlinks and device nodes). */
    public BlockMap blockMap() {
        return blockMap;
    }

    void init(ExtInodeRaw raw, BlockMap map) {
        this.raw = raw;
        this.blockMap = map;
    }

    public boolean hasInlineData() {
        return raw.hasFlag(ExtInodeRaw.FL_INLINE_DATA);
    }
}
