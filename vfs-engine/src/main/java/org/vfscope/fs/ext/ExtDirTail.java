package org.vfscope.fs.ext;

/**
 * The checksum tail of directory leaf blocks under metadata_csum (ext4_dir_entry_tail): a fake
 * 12-byte entry (inode 0, rec_len 12, file type 0xDE) ending every leaf block, holding the
 * crc32c of the block before it seeded by the directory's inode. Entries live in the space
 * before it (ext4_dir_rec_len limits, EXT4_DIR_ENTRY_TAIL); every changed leaf is sealed again.
 * Without metadata_csum the whole block is entry space and nothing is sealed.
 */
final class ExtDirTail {
    private final ExtFs fs;
    private final int bs;

    ExtDirTail(ExtFs fs) {
        this.fs = fs;
        this.bs = fs.info().blockSize();
    }

    boolean on() {
        return fs.csum().metadataCsum();
    }

    /** The bytes of a new leaf block that entries may use. */
    int space() {
        return on() ? bs - ExtDirBlock.TAIL_SIZE : bs;
    }

    /** Where the entries of {@code block} end: before its tail when it has one. */
    int entriesEnd(byte[] block) {
        return on() && ExtDirBlock.hasTail(block) ? bs - ExtDirBlock.TAIL_SIZE : block.length;
    }

    /** ext4_initialize_dirent_tail and ext4_dirblock_csum_set. */
    void seal(ExtInode dir, byte[] block) {
        if (!on()) {
            return;
        }
        int t = bs - ExtDirBlock.TAIL_SIZE;
        Le.put32(block, t, 0);
        Le.put16(block, t + 4, ExtDirBlock.TAIL_SIZE);
        Le.put8(block, t + 6, 0);
        Le.put8(block, t + 7, ExtDirEntry.FT_DIR_CSUM);
        Le.put32(block, t + 8, fs.csum().dirBlock(fs.csum().inodeSeed(dir.ino(), dir.generation()), block));
    }

    /**
     * A dx root turned into a plain leaf: "." and a ".." spanning the rest up to the tail, the
     * index bytes zeroed; false when block 0 is not laid out as a dx root.
     */
    boolean unindexRoot(byte[] b) {
        if (Le.u16(b, 4) != 12 || Le.u16(b, 12 + 4) != bs - 12 || Le.u8(b, 12 + 6) != 2) {
            return false;
        }
        Le.put16(b, 12 + 4, space() - 12);
        java.util.Arrays.fill(b, 24, bs, (byte) 0);
        return true;
    }

    /** A dx interior node (one empty entry over the whole block) turned into an empty leaf. */
    boolean unindexNode(byte[] b) {
        if (!ExtDirBlock.isDxNode(b)) {
            return false;
        }
        Le.put16(b, 4, space());
        java.util.Arrays.fill(b, 8, bs, (byte) 0);
        return true;
    }
}
