package org.vfscope.fs.ext;

/**
 * The on-disk layout of htree index blocks (fs/ext4/namei.c: struct dx_root, dx_node,
 * dx_countlimit, dx_entry, dx_tail): a dx_root is block 0 with fake "." and ".." entries, an
 * 8-byte dx_root_info and the entry array; a dx_node is one empty entry spanning the block,
 * then the entry array. The array's first slot holds limit and count where entry 0's hash
 * would be. With metadata_csum one slot fewer fits and a dx_tail follows the last slot.
 */
final class DxNode {
    /** Offset of dx_root_info in the root block. */
    static final int ROOT_INFO = 24;
    /** sizeof(struct dx_root_info). */
    static final int ROOT_INFO_LEN = 8;
    /** Offset of the entry array in the root block. */
    static final int ROOT_ENTRIES = ROOT_INFO + ROOT_INFO_LEN;
    /** Offset of the entry array in an interior node. */
    static final int NODE_ENTRIES = 8;
    /** sizeof(struct dx_tail). */
    static final int TAIL_SIZE = 8;

    private DxNode() {
    }

    /** dx_root_limit for an 8-byte dx_root_info. */
    static int rootLimit(int bs, boolean csum) {
        return (bs - ROOT_ENTRIES - (csum ? TAIL_SIZE : 0)) / 8;
    }

    /** dx_node_limit. */
    static int nodeLimit(int bs, boolean csum) {
        return (bs - NODE_ENTRIES - (csum ? TAIL_SIZE : 0)) / 8;
    }

    static int limit(byte[] b, int entries) {
        return Le.u16(b, entries);
    }

    static int count(byte[] b, int entries) {
        return Le.u16(b, entries + 2);
    }

    static void setLimit(byte[] b, int entries, int limit) {
        Le.put16(b, entries, limit);
    }

    static void setCount(byte[] b, int entries, int count) {
        Le.put16(b, entries + 2, count);
    }

    /** dx_get_hash; entry 0 has none (its slot is the count and limit). */
    static int hash(byte[] b, int entries, int i) {
        return Le.s32(b, entries + 8 * i);
    }

    /** dx_get_block: the low 28 bits, as the kernel masks them. */
    static long block(byte[] b, int entries, int i) {
        return Le.u32(b, entries + 8 * i + 4) & 0x0fffffff;
    }

    static void setBlock(byte[] b, int entries, int i, long block) {
        Le.put32(b, entries + 8 * i + 4, block);
    }

    /** dx_insert_block: a (hash, block) pair right after entry {@code at}; the caller checked there is room. */
    static void insert(byte[] b, int entries, int at, int hash, long block) {
        int count = count(b, entries);
        int from = entries + 8 * (at + 1);
        System.arraycopy(b, from, b, from + 8, 8 * (count - at - 1));
        Le.put32(b, from, hash);
        Le.put32(b, from + 4, block);
        setCount(b, entries, count + 1);
    }

    /** A fresh interior node: the fake empty entry spanning the block, no entries yet. */
    static byte[] newNode(int bs, boolean csum) {
        byte[] b = new byte[bs];
        Le.put16(b, 4, bs);
        setLimit(b, NODE_ENTRIES, nodeLimit(bs, csum));
        return b;
    }

    /** ext4_dx_csum_set: dt_checksum over the used part of the node and the dx_tail. */
    static void setChecksum(ExtChecksums csum, int inodeSeed, byte[] b, int entries) {
        int tail = entries + 8 * limit(b, entries);
        if (tail + TAIL_SIZE > b.length) {
            return; // a node laid out without room for a tail has no checksum to keep
        }
        Le.put32(b, tail + 4, csum.dxNode(inodeSeed, b, entries, count(b, entries), tail));
    }
}
