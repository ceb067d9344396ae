package org.vfscope.fs.ext;

import org.vfscope.vfs.Inode;
import org.vfscope.vfs.SuperBlock;

/**
 * The in-memory ext inode (ext2_inode_info around the VFS inode): the on-disk bytes it was read
 * from, plus the fields the write side changes (i_block, i_flags, i_file_acl, i_dtime) and the
 * block map over the live i_block. On a writable filesystem {@link #raw()} is the inode as it
 * would be written now ({@link ExtInodeCodec}); on a read-only one it is exactly what was read.
 */
public final class ExtInode extends Inode {
    private volatile ExtInodeRaw raw;
    private volatile BlockMap blockMap;
    /** The on-disk bytes the live fields are laid over (unknown fields, in-inode xattrs). */
    private byte[] base;
    /** i_block's 15 words, live: the block map reads them. */
    final long[] iBlock = new long[15];
    private volatile int flags;
    private volatile long fileAcl;
    private volatile long dtime;
    private volatile long generation;
    private volatile boolean writable;
    /** Where this inode's last block went (i_block_alloc_info): the goal for the next one. */
    long lastLogical = -1;
    long lastPhysical;
    /**
     * Blocks [mappedFrom, mappedEnd) are mapped for the write in progress (its writeRangeBegin
     * allocated them): write_begin need not look them up. Empty outside a write; the writer's
     * i_rwsem guards it, and nothing unmaps blocks while a write holds that.
     */
    long mappedFrom;
    long mappedEnd;
    /** ei->truncate_mutex: guards i_block and the indirect blocks against mapping while they change. */
    private final Object truncateMutex = new Object();

    ExtInode(SuperBlock sb, long ino) {
        super(sb, ino);
    }

    /** The on-disk inode: as read (read-only filesystems) or as it would be written now. */
    public ExtInodeRaw raw() {
        if (!writable) {
            return raw;
        }
        return new ExtInodeRaw(ino(), ExtInodeCodec.encode(this));
    }

    /** The block map (null for inline-data inodes, fast symlinks and device nodes). */
    public BlockMap blockMap() {
        return blockMap;
    }

    void init(ExtInodeRaw raw, BlockMap map) {
        this.raw = raw;
        this.blockMap = map;
        this.base = raw.bytes();
        for (int i = 0; i < 15; i++) {
            iBlock[i] = raw.iBlockWord(i);
        }
        this.flags = raw.flags();
        this.fileAcl = raw.fileAcl(false);
        this.dtime = raw.dtime();
        this.generation = raw.generation();
    }

    /** Turns on the write side for this inode: raw() follows the live fields from now on. */
    void setWritable(BlockMap map) {
        this.blockMap = map;
        this.writable = true;
    }

    boolean writable() {
        return writable;
    }

    public boolean hasInlineData() {
        return (flags & ExtInodeRaw.FL_INLINE_DATA) != 0;
    }

    Object truncateMutex() {
        return truncateMutex;
    }

    synchronized byte[] base() {
        return base;
    }

    /** Replaces the bytes under the live fields (xattr area edits); the caller marks the inode dirty. */
    synchronized void setBase(byte[] bytes) {
        this.base = bytes;
    }

    public int flags() {
        return flags;
    }

    void setFlags(int flags) {
        this.flags = flags;
    }

    public long fileAcl() {
        return fileAcl;
    }

    void setFileAcl(long block) {
        this.fileAcl = block;
    }

    long dtime() {
        return dtime;
    }

    void setDtime(long dtime) {
        this.dtime = dtime;
    }

    long generation() {
        return generation;
    }

    void setGeneration(long generation) {
        this.generation = generation;
    }

    /** i_blocks in 512-byte units, adjusted by {@code blocks} filesystem blocks. */
    void addFsBlocks(long blocks) {
        setBlocks(blocks() + blocks * (sb().blockSize() / 512));
    }
}
