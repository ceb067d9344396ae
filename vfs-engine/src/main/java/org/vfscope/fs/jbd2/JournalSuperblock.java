package org.vfscope.fs.jbd2;

import java.util.ArrayList;
import java.util.List;

/**
 * The journal superblock ({@code journal_superblock_t}, block 0 of the journal, big-endian),
 * checked as journal_check_superblock does before anything is trusted: magic, format, block size,
 * first/length/start within the journal, known features only, one checksum version at most, and
 * the superblock's own crc32c with csum v2/v3. Version 1 superblocks have no feature words.
 */
public final class JournalSuperblock {
    public static final int MAGIC = 0xC03B3998;
    static final int DESCRIPTOR_BLOCK = 1;
    static final int COMMIT_BLOCK = 2;
    static final int SUPERBLOCK_V1 = 3;
    static final int SUPERBLOCK_V2 = 4;
    static final int REVOKE_BLOCK = 5;

    static final int COMPAT_CHECKSUM = 0x1;
    static final int INCOMPAT_REVOKE = 0x1;
    static final int INCOMPAT_64BIT = 0x2;
    static final int INCOMPAT_ASYNC_COMMIT = 0x4;
    static final int INCOMPAT_CSUM_V2 = 0x8;
    static final int INCOMPAT_CSUM_V3 = 0x10;
    static final int INCOMPAT_FAST_COMMIT = 0x20;
    private static final int KNOWN_COMPAT = COMPAT_CHECKSUM;
    private static final int KNOWN_INCOMPAT = INCOMPAT_REVOKE | INCOMPAT_64BIT | INCOMPAT_ASYNC_COMMIT
            | INCOMPAT_CSUM_V2 | INCOMPAT_CSUM_V3 | INCOMPAT_FAST_COMMIT;
    private static final int CRC32C_CHKSUM = 4;
    /** JBD2_DEFAULT_FAST_COMMIT_BLOCKS, when s_num_fc_blks is 0. */
    private static final int DEFAULT_FC_BLOCKS = 256;
    /** JBD2_MIN_JOURNAL_BLOCKS. */
    private static final int MIN_JOURNAL_BLOCKS = 1024;
    static final int SIZE = 1024;
    private static final int OFF_BLOCKSIZE = 12;
    private static final int OFF_MAXLEN = 16;
    private static final int OFF_FIRST = 20;
    private static final int OFF_SEQUENCE = 24;
    private static final int OFF_START = 28;
    private static final int OFF_COMPAT = 36;
    private static final int OFF_INCOMPAT = 40;
    private static final int OFF_RO_COMPAT = 44;
    private static final int OFF_UUID = 48;
    private static final int OFF_CHECKSUM_TYPE = 80;
    private static final int OFF_NUM_FC_BLOCKS = 84;
    private static final int OFF_CHECKSUM = 0xFC;

    private final byte[] raw;
    private final int version;
    private final int blockSize;
    private final long maxLen;
    private final long first;
    private final long last;
    private final int sequence;
    private final long start;
    private final int compat;
    private final int incompat;
    private final int csumSeed;

    private JournalSuperblock(byte[] raw, int blockSize, long journalBlocks) {
        this.raw = raw;
        this.blockSize = blockSize;
        if (Be.s32(raw, 0) != MAGIC) {
            throw bad(String.format("bad magic 0x%08x (no journal superblock)", Be.s32(raw, 0)));
        }
        int type = Be.s32(raw, 4);
        if (type != SUPERBLOCK_V1 && type != SUPERBLOCK_V2) {
            throw bad("unrecognised superblock format " + type);
        }
        version = type == SUPERBLOCK_V1 ? 1 : 2;
        if (Be.u32(raw, OFF_BLOCKSIZE) != blockSize) {
            throw bad("journal block size " + Be.u32(raw, OFF_BLOCKSIZE) + " is not the filesystem's " + blockSize);
        }
        maxLen = Be.u32(raw, OFF_MAXLEN);
        if (maxLen > journalBlocks) {
            throw new JournalException(JournalException.Kind.BAD_JOURNAL_INODE, "journal",
                    "journal file too short: " + journalBlocks + " blocks for s_maxlen " + maxLen);
        }
        first = Be.u32(raw, OFF_FIRST);
        if (first == 0 || first >= maxLen) {
            throw bad("invalid first log block " + first + " of " + maxLen);
        }
        sequence = Be.s32(raw, OFF_SEQUENCE);
        start = Be.u32(raw, OFF_START);
        compat = version == 2 ? Be.s32(raw, OFF_COMPAT) : 0;
        incompat = version == 2 ? Be.s32(raw, OFF_INCOMPAT) : 0;
        int roCompat = version == 2 ? Be.s32(raw, OFF_RO_COMPAT) : 0;
        if ((compat & ~KNOWN_COMPAT) != 0 || (incompat & ~KNOWN_INCOMPAT) != 0 || roCompat != 0) {
            throw new JournalException(JournalException.Kind.UNSUPPORTED, "journal superblock", String.format(
                    "unrecognised journal features (compat 0x%x, incompat 0x%x, ro_compat 0x%x)", compat, incompat, roCompat));
        }
        if (hasIncompat(INCOMPAT_CSUM_V2) && hasIncompat(INCOMPAT_CSUM_V3)) {
            throw bad("both checksum v2 and v3 set");
        }
        if (hasCsumV2or3() && (compat & COMPAT_CHECKSUM) != 0) {
            throw bad("both checksum v1 and v2/v3 set");
        }
        long fcBlocks = 0;
        if (hasIncompat(INCOMPAT_FAST_COMMIT)) {
            fcBlocks = Be.u32(raw, OFF_NUM_FC_BLOCKS) == 0 ? DEFAULT_FC_BLOCKS : Be.u32(raw, OFF_NUM_FC_BLOCKS);
            if (maxLen < fcBlocks + MIN_JOURNAL_BLOCKS) {
                throw bad("fast-commit area of " + fcBlocks + " blocks leaves too small a journal of " + maxLen);
            }
        }
        last = maxLen - fcBlocks;
        if (first >= last) {
            throw bad("invalid first log block " + first + " (log ends at " + last + ")");
        }
        if (start != 0 && (start < first || start >= last)) {
            throw bad("log start " + start + " outside the log [" + first + ", " + last + ")");
        }
        if (hasCsumV2or3()) {
            if ((raw[OFF_CHECKSUM_TYPE] & 0xff) != CRC32C_CHKSUM) {
                throw bad("unknown checksum type " + (raw[OFF_CHECKSUM_TYPE] & 0xff));
            }
            int want = superblockChecksum(raw);
            if (want != Be.s32(raw, OFF_CHECKSUM)) {
                throw new JournalException(JournalException.Kind.CORRUPT_LOG, "journal superblock", String.format(
                        "checksum 0x%08x, computed 0x%08x", Be.s32(raw, OFF_CHECKSUM), want));
            }
        }
        csumSeed = JournalCrc.crc32c(~0, raw, OFF_UUID, 16);
    }

    /**
     * Parses and checks the superblock in {@code block} (the journal's block 0) of a journal
     * {@code journalBlocks} long with the filesystem's {@code blockSize}.
     *
     * @throws JournalException BAD_SUPERBLOCK, UNSUPPORTED, BAD_JOURNAL_INODE or CORRUPT_LOG (checksum)
     */
    public static JournalSuperblock parse(byte[] block, int blockSize, long journalBlocks) {
        if (block.length < SIZE) {
            throw bad("block of " + block.length + " bytes");
        }
        return new JournalSuperblock(java.util.Arrays.copyOf(block, SIZE), blockSize, journalBlocks);
    }

    private static JournalException bad(String detail) {
        return new JournalException(JournalException.Kind.BAD_SUPERBLOCK, "journal superblock", detail);
    }

    private static int superblockChecksum(byte[] raw) {
        byte[] copy = raw.clone();
        Be.put32(copy, OFF_CHECKSUM, 0);
        return JournalCrc.crc32c(~0, copy, 0, SIZE);
    }

    public int version() {
        return version;
    }

    public int blockSize() {
        return blockSize;
    }

    /** s_maxlen: the journal's length in blocks, superblock included. */
    public long maxLen() {
        return maxLen;
    }

    /** s_first: the first block of the log. */
    public long first() {
        return first;
    }

    /** One past the last block of the log (before the fast-commit area, if any). */
    public long last() {
        return last;
    }

    /** s_sequence: the first transaction expected in the log. */
    public int sequence() {
        return sequence;
    }

    /** s_start: where the log begins, 0 when the journal is empty (cleanly unmounted or recovered). */
    public long start() {
        return start;
    }

    public boolean needsRecovery() {
        return start != 0;
    }

    /** Whether the journal has a fast-commit area (after {@link #last()}), which ext4 replays itself. */
    public boolean hasFastCommit() {
        return hasIncompat(INCOMPAT_FAST_COMMIT);
    }

    boolean hasIncompat(int bit) {
        return (incompat & bit) != 0;
    }

    boolean hasChecksumV1() {
        return (compat & COMPAT_CHECKSUM) != 0;
    }

    boolean hasCsumV2or3() {
        return hasIncompat(INCOMPAT_CSUM_V2) || hasIncompat(INCOMPAT_CSUM_V3);
    }

    boolean has64bit() {
        return hasIncompat(INCOMPAT_64BIT);
    }

    /** j_csum_seed: crc32c(~0, s_uuid). */
    int csumSeed() {
        return csumSeed;
    }

    /** journal_tag_bytes: the size of one block tag in a descriptor block (without its UUID). */
    int tagBytes() {
        if (hasIncompat(INCOMPAT_CSUM_V3)) {
            return 16;
        }
        int size = 12;
        if (hasIncompat(INCOMPAT_CSUM_V2)) {
            size += 2;
        }
        return has64bit() ? size : size - 4;
    }

    /** The feature names, as dumpe2fs prints them. */
    public List<String> featureNames() {
        List<String> names = new ArrayList<>();
        if (hasChecksumV1()) {
            names.add("journal_checksum");
        }
        if (hasIncompat(INCOMPAT_REVOKE)) {
            names.add("journal_incompat_revoke");
        }
        if (has64bit()) {
            names.add("journal_64bit");
        }
        if (hasIncompat(INCOMPAT_ASYNC_COMMIT)) {
            names.add("journal_async_commit");
        }
        if (hasIncompat(INCOMPAT_CSUM_V2)) {
            names.add("journal_checksum_v2");
        }
        if (hasIncompat(INCOMPAT_CSUM_V3)) {
            names.add("journal_checksum_v3");
        }
        if (hasIncompat(INCOMPAT_FAST_COMMIT)) {
            names.add("journal_fast_commit");
        }
        return names;
    }

    /**
     * The superblock after recovery, as e2fsck_journal_release writes it: the log empty
     * (s_start 0), s_sequence the next transaction ID, and the checksum recomputed. (e2fsck
     * notes a failed commit in s_errno only to move it into the filesystem's state at once; the
     * caller marks the filesystem itself.)
     */
    public byte[] recovered(int nextSequence) {
        byte[] b = raw.clone();
        Be.put32(b, OFF_SEQUENCE, nextSequence);
        Be.put32(b, OFF_START, 0);
        if (hasCsumV2or3()) {
            Be.put32(b, OFF_CHECKSUM, superblockChecksum(b));
        }
        return b;
    }
}
