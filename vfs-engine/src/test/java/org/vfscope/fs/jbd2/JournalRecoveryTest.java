package org.vfscope.fs.jbd2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.vfscope.block.MemoryDisk;

/**
 * Recovery on journals written block by block, for what debugfs cannot write: the old v1
 * commit checksum (crc32_be), async_commit, and transaction IDs wrapping past 2^32.
 */
class JournalRecoveryTest {
    private static final int BS = 1024;
    private static final long FS_BLOCKS = 128;
    /** The journal: 32 blocks at device blocks 32..63. */
    private static final long JOURNAL_AT = 32;
    private static final int JOURNAL_LEN = 32;
    private static final int LAST_TAG = 8;
    private static final int SAME_UUID = 2;

    /** A device of FS_BLOCKS blocks in memory. */
    private final MemoryDisk dev = new MemoryDisk(new byte[(int) FS_BLOCKS * BS], true);

    private byte[] block(long n) {
        return Arrays.copyOfRange(dev.bytes(), (int) n * BS, (int) (n + 1) * BS);
    }

    /** Writes {@code b} into journal block {@code journalBlock}. */
    private void putJournal(long journalBlock, byte[] b) {
        System.arraycopy(b, 0, dev.bytes(), (int) ((JOURNAL_AT + journalBlock) * BS), BS);
    }
    private final JournalMap map = new JournalMap.Builder(FS_BLOCKS).add(JOURNAL_AT, JOURNAL_LEN).build();

    private JournalSuperblock superblock(int sequence, int compat, int incompat) {
        byte[] b = new byte[BS];
        Be.put32(b, 0, JournalSuperblock.MAGIC);
        Be.put32(b, 4, JournalSuperblock.SUPERBLOCK_V2);
        Be.put32(b, 12, BS);
        Be.put32(b, 16, JOURNAL_LEN);
        Be.put32(b, 20, 1);
        Be.put32(b, 24, sequence);
        Be.put32(b, 28, 1);
        Be.put32(b, 36, compat);
        Be.put32(b, 40, incompat);
        if ((incompat & JournalSuperblock.INCOMPAT_CSUM_V3) != 0) {
            b[80] = 4;
            Be.put32(b, 0xFC, JournalCrc.crc32c(~0, b, 0, BS));
        }
        putJournal(0, b);
        return JournalSuperblock.parse(b, BS, JOURNAL_LEN);
    }

    private static byte[] header(int type, int sequence) {
        byte[] b = new byte[BS];
        Be.put32(b, 0, JournalSuperblock.MAGIC);
        Be.put32(b, 4, type);
        Be.put32(b, 8, sequence);
        return b;
    }

    private static byte[] filled(char c) {
        byte[] b = new byte[BS];
        Arrays.fill(b, (byte) c);
        return b;
    }

    /** A descriptor with one tag (block {@code target}); 8-byte tags, or 16 with csum v3. */
    private static byte[] descriptor(int sequence, long target, JournalSuperblock sb, byte[] data) {
        byte[] d = header(JournalSuperblock.DESCRIPTOR_BLOCK, sequence);
        Be.put32(d, 12, target);
        Be.put32(d, 16, LAST_TAG | SAME_UUID); // t_flags: be16 at 18 (or be32 at 16 in tag3)
        if (sb.hasCsumV2or3()) {
            byte[] seq = new byte[4];
            Be.put32(seq, 0, sequence);
            Be.put32(d, 12 + 12, JournalCrc.crc32c(JournalCrc.crc32c(sb.csumSeed(), seq), data));
            Be.put32(d, BS - 4, JournalCrc.crc32c(sb.csumSeed(), d));
        }
        return d;
    }

    private static byte[] commitV3(int sequence, JournalSuperblock sb, long time, boolean good) {
        byte[] c = header(JournalSuperblock.COMMIT_BLOCK, sequence);
        Be.put32(c, 52, time);
        Be.put32(c, 16, JournalCrc.crc32c(sb.csumSeed(), c) ^ (good ? 0 : 1));
        return c;
    }

    /** Writes one transaction at journal block {@code at}: descriptor, data, commit; returns the next block. */
    private int transaction(int at, byte[] descriptor, byte[] data, byte[] commit) {
        putJournal(at, descriptor);
        putJournal(at + 1, data);
        putJournal(at + 2, commit);
        return at + 3;
    }

    @Test
    void theV1CommitChecksumCoversDescriptorAndDataAndABadOneEndsTheLog() {
        JournalSuperblock sb = superblock(5, JournalSuperblock.COMPAT_CHECKSUM, 0);
        byte[] x = filled('X');
        byte[] d5 = descriptor(5, 100, sb, x);
        byte[] c5 = header(JournalSuperblock.COMMIT_BLOCK, 5);
        c5[12] = 1; // JBD2_CRC32_CHKSUM
        c5[13] = 4;
        Be.put32(c5, 16, JournalCrc.crc32Be(JournalCrc.crc32Be(~0, d5), x));
        int next = transaction(1, d5, x, c5);
        byte[] y = filled('Y');
        byte[] c6 = c5.clone();
        Be.put32(c6, 8, 6);
        transaction(next, descriptor(6, 101, sb, y), y, c6); // the checksum of transaction 5: wrong for 6

        RecoveryResult r = JournalRecovery.recover(dev, map, sb, FS_BLOCKS);

        assertThat(r.transactions()).isEqualTo(1);
        assertThat(r.failedCommit()).isTrue();
        assertThat(block(100)).isEqualTo(x);
        assertThat(block(101)).isEqualTo(new byte[BS]);
        assertThat(r.nextSequence()).isEqualTo(7);
    }

    @Test
    void withAsyncCommitABadCommitEndsTheReplayButIsNotAFailedCommit() {
        JournalSuperblock sb = superblock(5, 0, JournalSuperblock.INCOMPAT_CSUM_V3
                | JournalSuperblock.INCOMPAT_ASYNC_COMMIT);
        byte[] x = filled('X');
        int next = transaction(1, descriptor(5, 100, sb, x), x, commitV3(5, sb, 10, true));
        byte[] y = filled('Y');
        next = transaction(next, descriptor(6, 101, sb, y), y, commitV3(6, sb, 11, false));
        byte[] z = filled('Z');
        transaction(next, descriptor(7, 102, sb, z), z, commitV3(7, sb, 12, true));

        RecoveryResult r = JournalRecovery.recover(dev, map, sb, FS_BLOCKS);

        assertThat(r.transactions()).isEqualTo(1);
        assertThat(r.failedCommit()).isFalse();
        assertThat(r.problems()).singleElement().asString().contains("transaction 6 fails its checksum");
        assertThat(block(100)).isEqualTo(x);
        assertThat(block(101)).isEqualTo(new byte[BS]);
        assertThat(block(102)).isEqualTo(new byte[BS]);
    }

    @Test
    void aStaleTransactionWithAnOlderCommitTimeEndsTheLogQuietly() {
        JournalSuperblock sb = superblock(5, 0, JournalSuperblock.INCOMPAT_CSUM_V3);
        byte[] x = filled('X');
        int next = transaction(1, descriptor(5, 100, sb, x), x, commitV3(5, sb, 10, true));
        byte[] y = filled('Y');
        transaction(next, descriptor(6, 101, sb, y), y, commitV3(6, sb, 3, false)); // older: left from before

        RecoveryResult r = JournalRecovery.recover(dev, map, sb, FS_BLOCKS);

        assertThat(r.transactions()).isEqualTo(1);
        assertThat(r.clean()).isTrue();
    }

    @Test
    void transactionIdsWrapPast2To32() {
        JournalSuperblock sb = superblock(-1, 0, 0); // 0xffffffff, then 0
        byte[] x = filled('X');
        byte[] cX = header(JournalSuperblock.COMMIT_BLOCK, -1);
        int next = transaction(1, descriptor(-1, 100, sb, x), x, cX);
        byte[] y = filled('Y');
        transaction(next, descriptor(0, 100, sb, y), y, header(JournalSuperblock.COMMIT_BLOCK, 0));

        RecoveryResult r = JournalRecovery.recover(dev, map, sb, FS_BLOCKS);

        assertThat(r.transactions()).isEqualTo(2);
        assertThat(r.endTransaction()).isEqualTo(1);
        assertThat(block(100)).isEqualTo(y);
    }

    @Test
    void aLogThatWrapsPastTheEndOfTheJournalIsReadFromItsStartAgain() {
        JournalSuperblock sb = superblock(5, 0, 0);
        byte[] b = sb.recovered(5);
        Be.put32(b, 28, JOURNAL_LEN - 2); // the log starts two blocks before the end
        putJournal(0, b);
        sb = JournalSuperblock.parse(b, BS, JOURNAL_LEN);
        byte[] x = filled('X');
        putJournal(JOURNAL_LEN - 2, descriptor(5, 100, sb, x));
        putJournal(JOURNAL_LEN - 1, x);
        putJournal(1, header(JournalSuperblock.COMMIT_BLOCK, 5));

        RecoveryResult r = JournalRecovery.recover(dev, map, sb, FS_BLOCKS);

        assertThat(r.transactions()).isEqualTo(1);
        assertThat(block(100)).isEqualTo(x);
    }
}
