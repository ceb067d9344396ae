package org.vfscope.fs.jbd2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** journal_check_superblock's rules, on superblocks built field by field (big-endian). */
class JournalSuperblockTest {
    private static final int BS = 1024;

    /** A v2 superblock of a 1024-block journal, log from block 1, needing recovery at block 5. */
    private static byte[] sb(int incompat) {
        byte[] b = new byte[BS];
        Be.put32(b, 0, JournalSuperblock.MAGIC);
        Be.put32(b, 4, JournalSuperblock.SUPERBLOCK_V2);
        Be.put32(b, 12, BS);
        Be.put32(b, 16, 1024);
        Be.put32(b, 20, 1);
        Be.put32(b, 24, 7);
        Be.put32(b, 28, 5);
        Be.put32(b, 40, incompat);
        for (int i = 0; i < 16; i++) {
            b[48 + i] = (byte) (i + 1);
        }
        return b;
    }

    private static byte[] withChecksum(byte[] b) {
        b[80] = 4; // crc32c
        Be.put32(b, 0xFC, 0);
        Be.put32(b, 0xFC, JournalCrc.crc32c(~0, b, 0, 1024));
        return b;
    }

    private static JournalException.Kind kindOf(byte[] b, long journalBlocks) {
        try {
            JournalSuperblock.parse(b, BS, journalBlocks);
            return null;
        } catch (JournalException e) {
            return e.kind();
        }
    }

    @Test
    void aGoodSuperblockParses() {
        JournalSuperblock s = JournalSuperblock.parse(withChecksum(sb(JournalSuperblock.INCOMPAT_CSUM_V3
                | JournalSuperblock.INCOMPAT_64BIT)), BS, 1024);
        assertThat(s.version()).isEqualTo(2);
        assertThat(s.first()).isEqualTo(1);
        assertThat(s.last()).isEqualTo(1024);
        assertThat(s.sequence()).isEqualTo(7);
        assertThat(s.start()).isEqualTo(5);
        assertThat(s.needsRecovery()).isTrue();
        assertThat(s.tagBytes()).isEqualTo(16);
        assertThat(s.featureNames()).containsExactly("journal_64bit", "journal_checksum_v3");
    }

    @Test
    void tagSizesFollowJournalTagBytes() {
        assertThat(JournalSuperblock.parse(sb(0), BS, 1024).tagBytes()).isEqualTo(8);
        assertThat(JournalSuperblock.parse(sb(JournalSuperblock.INCOMPAT_64BIT), BS, 1024).tagBytes()).isEqualTo(12);
        assertThat(JournalSuperblock.parse(withChecksum(sb(JournalSuperblock.INCOMPAT_CSUM_V2)), BS, 1024).tagBytes())
                .isEqualTo(10);
        assertThat(JournalSuperblock.parse(withChecksum(sb(JournalSuperblock.INCOMPAT_CSUM_V2
                | JournalSuperblock.INCOMPAT_64BIT)), BS, 1024).tagBytes()).isEqualTo(14);
    }

    @Test
    void aVersion1SuperblockHasNoFeatures() {
        byte[] b = sb(0xff);
        Be.put32(b, 4, JournalSuperblock.SUPERBLOCK_V1);
        JournalSuperblock s = JournalSuperblock.parse(b, BS, 1024);
        assertThat(s.version()).isEqualTo(1);
        assertThat(s.featureNames()).isEmpty();
    }

    @Test
    void everyBrokenRuleIsATypedError() {
        byte[] magic = sb(0);
        magic[0] = 0;
        assertThat(kindOf(magic, 1024)).isEqualTo(JournalException.Kind.BAD_SUPERBLOCK);
        byte[] format = sb(0);
        Be.put32(format, 4, 9);
        assertThat(kindOf(format, 1024)).isEqualTo(JournalException.Kind.BAD_SUPERBLOCK);
        byte[] blockSize = sb(0);
        Be.put32(blockSize, 12, 4096);
        assertThat(kindOf(blockSize, 1024)).isEqualTo(JournalException.Kind.BAD_SUPERBLOCK);
        assertThat(kindOf(sb(0), 1000)).as("s_maxlen past the inode").isEqualTo(JournalException.Kind.BAD_JOURNAL_INODE);
        byte[] first = sb(0);
        Be.put32(first, 20, 0);
        assertThat(kindOf(first, 1024)).isEqualTo(JournalException.Kind.BAD_SUPERBLOCK);
        byte[] start = sb(0);
        Be.put32(start, 28, 4000);
        assertThat(kindOf(start, 1024)).isEqualTo(JournalException.Kind.BAD_SUPERBLOCK);
        assertThat(kindOf(sb(0x4000), 1024)).isEqualTo(JournalException.Kind.UNSUPPORTED);
        assertThat(kindOf(withChecksum(sb(JournalSuperblock.INCOMPAT_CSUM_V2 | JournalSuperblock.INCOMPAT_CSUM_V3)),
                1024)).isEqualTo(JournalException.Kind.BAD_SUPERBLOCK);
        byte[] v1AndV3 = sb(JournalSuperblock.INCOMPAT_CSUM_V3);
        Be.put32(v1AndV3, 36, JournalSuperblock.COMPAT_CHECKSUM);
        assertThat(kindOf(withChecksum(v1AndV3), 1024)).isEqualTo(JournalException.Kind.BAD_SUPERBLOCK);
        byte[] badCsum = withChecksum(sb(JournalSuperblock.INCOMPAT_CSUM_V3));
        badCsum[100] ^= 1;
        assertThat(kindOf(badCsum, 1024)).isEqualTo(JournalException.Kind.CORRUPT_LOG);
        byte[] fc = sb(JournalSuperblock.INCOMPAT_FAST_COMMIT);
        assertThat(kindOf(fc, 1024)).as("no room for the fast-commit area").isEqualTo(JournalException.Kind.BAD_SUPERBLOCK);
    }

    @Test
    void theRecoveredSuperblockIsEmptyWithTheNextSequenceAndAValidChecksum() {
        JournalSuperblock s = JournalSuperblock.parse(withChecksum(sb(JournalSuperblock.INCOMPAT_CSUM_V3)), BS, 1024);
        JournalSuperblock after = JournalSuperblock.parse(s.recovered(9), BS, 1024);
        assertThat(after.start()).isZero();
        assertThat(after.needsRecovery()).isFalse();
        assertThat(after.sequence()).isEqualTo(9);
    }
}
