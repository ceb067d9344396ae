package org.vfscope.fs.ext;

/**
 * ext4_map_blocks for reading: logical block of a file to physical block. Two implementations
 * follow the inode's EXTENTS_FL: {@link IndirectMap} (ext2/3 direct, indirect, double and triple
 * indirect pointers) and {@link ExtentMap} (the ext4 extent tree). Every block number read from
 * disk is checked before use; a bad one is EUCLEAN for this lookup only.
 */
public interface BlockMap {

    /** The mapping of {@code logical}; never null. */
    BlockMapping map(long logical);

    /** How many logical blocks this scheme can address (s_maxbytes in blocks). */
    long maxBlocks();
}
