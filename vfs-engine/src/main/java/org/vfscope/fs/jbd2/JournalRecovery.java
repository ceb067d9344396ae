package org.vfscope.fs.jbd2;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vfscope.block.BlockDevice;
import org.vfscope.vfs.VfsException;

/**
 * jbd2_journal_recover (fs/jbd2/recovery.c, shared with e2fsck): three passes over the log from
 * s_start. PASS_SCAN finds where the valid log ends (the first transaction without its commit
 * block, or whose checksums fail); PASS_REVOKE collects the revoke records with the transaction
 * that wrote them; PASS_REPLAY writes every logged block of the complete transactions to the
 * device in log order, so the latest copy wins, unless revoked by the same or a later
 * transaction. Escaped blocks get their magic number back.
 *
 * <p>Hostile journals: every block number read is checked before use, each pass walks at most
 * the length of the log (a log that wraps onto itself ends there), and the revoke table is
 * bounded. Errors are {@link JournalException}s; the kernel's "recover what we can" cases are
 * listed in {@link RecoveryResult#problems()}.
 */
public final class JournalRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(JournalRecovery.class);
    private static final int HEADER = 12;
    private static final int REVOKE_HEADER = 16;
    private static final int TAIL = 4;
    private static final int UUID = 16;
    private static final int FLAG_ESCAPE = 1;
    private static final int FLAG_SAME_UUID = 2;
    private static final int FLAG_LAST_TAG = 8;
    private static final int CRC32_CHKSUM = 1;
    private static final int CRC32_CHKSUM_SIZE = 4;
    /** sizeof(struct commit_header): what a partially written commit block still has. */
    private static final int COMMIT_HEADER = 60;
    /** A bound on remembered revoke records (the kernel bounds its hash table at 1M chains). */
    static final int MAX_REVOKES = 1 << 22;
    /** Problems listed one by one; past this many, only counted (a hostile log can have one per block). */
    static final int MAX_PROBLEMS = 100;

    private enum Pass { SCAN, REVOKE, REPLAY }

    private final BlockDevice device;
    private final JournalMap map;
    private final JournalSuperblock sb;
    private final long fsBlocks;
    private final int bs;
    private final Map<Long, Integer> revoked = new HashMap<>();
    private final List<String> problems = new ArrayList<>();

    private int endTransaction;
    private boolean endKnown;
    private long revokeRecords;
    private long revokeHits;
    private long replays;
    private boolean failedCommit;
    private long unlisted;

    private JournalRecovery(BlockDevice device, JournalMap map, JournalSuperblock sb, long fsBlocks) {
        this.device = device;
        this.map = map;
        this.sb = sb;
        this.fsBlocks = fsBlocks;
        this.bs = sb.blockSize();
    }

    /**
     * Replays the journal described by {@code sb} and {@code map} into {@code device}, a
     * filesystem of {@code fsBlocks} blocks. The journal superblock itself is not touched: the
     * caller writes {@link JournalSuperblock#recovered} once the filesystem side is fixed too.
     *
     * @throws JournalException CORRUPT_LOG where the kernel fails recovery (a descriptor or revoke
     *                          block bad in a later pass, a corrupt transaction that is not stale), IO
     */
    public static RecoveryResult recover(BlockDevice device, JournalMap map, JournalSuperblock sb, long fsBlocks) {
        if (!sb.needsRecovery()) {
            return new RecoveryResult(sb.sequence(), sb.sequence(), 0, 0, 0, false, List.of());
        }
        JournalRecovery r = new JournalRecovery(device, map, sb, fsBlocks);
        r.pass(Pass.SCAN);
        r.pass(Pass.REVOKE);
        r.pass(Pass.REPLAY);
        device.flush();
        LOG.debug("jbd2: recovered transactions {} to {}: {} blocks replayed, {}/{} revoked", sb.sequence(),
                r.endTransaction, r.replays, r.revokeHits, r.revokeRecords);
        if (r.unlisted > 0) {
            r.problems.add("and " + r.unlisted + " more problems");
        }
        return new RecoveryResult(sb.sequence(), r.endTransaction, r.replays, r.revokeRecords, r.revokeHits,
                r.failedCommit, r.problems);
    }

    /** do_one_pass. */
    private void pass(Pass pass) {
        int nextCommitId = sb.sequence();
        long nextLogBlock = sb.start();
        int crc32Sum = ~0;
        boolean needCheckCommitTime = false;
        long lastCommitTime = 0;
        long logLength = sb.last() - sb.first();
        long walked = 0;

        scan:
        while (true) {
            if (pass != Pass.SCAN && tidGeq(nextCommitId, endTransaction)) {
                break;
            }
            if (walked > logLength) {
                // Every block of the log has been walked: a log cannot hold more, it loops onto itself.
                problem("the log wraps onto itself at transaction " + Integer.toUnsignedString(nextCommitId)
                        + "; it ends there");
                if (pass == Pass.SCAN && !endKnown) {
                    endTransaction = nextCommitId;
                    endKnown = true;
                }
                break;
            }
            byte[] bh = jread(nextLogBlock);
            long thisBlock = nextLogBlock;
            nextLogBlock = wrap(nextLogBlock + 1);
            walked++;
            if (Be.s32(bh, 0) != JournalSuperblock.MAGIC) {
                break;
            }
            int blockType = Be.s32(bh, 4);
            int sequence = Be.s32(bh, 8);
            if (sequence != nextCommitId) {
                break;
            }
            switch (blockType) {
                case JournalSuperblock.DESCRIPTOR_BLOCK -> {
                    if (!tailCsumOk(bh)) {
                        if (pass != Pass.SCAN) {
                            throw corrupt("checksum of descriptor block " + thisBlock + " in the log");
                        }
                        needCheckCommitTime = true; // maybe stale blocks from a lazily initialised journal
                    }
                    int tags = countTags(bh);
                    if (pass == Pass.REPLAY) {
                        nextLogBlock = replayTags(bh, nextLogBlock, nextCommitId);
                    } else if (pass == Pass.SCAN && sb.hasChecksumV1() && !endKnown) {
                        crc32Sum = JournalCrc.crc32Be(crc32Sum, bh);
                        for (int i = 0; i < tags; i++) {
                            crc32Sum = JournalCrc.crc32Be(crc32Sum, jread(nextLogBlock));
                            nextLogBlock = wrap(nextLogBlock + 1);
                        }
                    } else {
                        nextLogBlock = wrap(nextLogBlock + tags);
                    }
                    walked += tags;
                }
                case JournalSuperblock.COMMIT_BLOCK -> {
                    if (pass != Pass.SCAN) {
                        nextCommitId++;
                        continue;
                    }
                    long commitTime = Be.u64(bh, 48);
                    if (needCheckCommitTime) {
                        if (Long.compareUnsigned(commitTime, lastCommitTime) >= 0) {
                            throw corrupt("invalid checksum in transaction " + Integer.toUnsignedString(nextCommitId));
                        }
                        break scan; // stale blocks of an older journal: the log ends here
                    }
                    boolean ok;
                    if (sb.hasChecksumV1()) {
                        if (endKnown) {
                            failedCommit = true;
                            break scan;
                        }
                        int type = bh[12] & 0xff;
                        int size = bh[13] & 0xff;
                        int found = Be.s32(bh, 16);
                        ok = (crc32Sum == found && type == CRC32_CHKSUM && size == CRC32_CHKSUM_SIZE)
                                || (type == 0 && size == 0 && found == 0);
                        crc32Sum = ~0;
                    } else {
                        ok = commitCsumOk(bh, false) || commitCsumOk(bh, true);
                    }
                    if (!ok) {
                        if (Long.compareUnsigned(commitTime, lastCommitTime) < 0) {
                            break scan; // stale: not the same journal
                        }
                        problem("commit block of transaction " + Integer.toUnsignedString(nextCommitId)
                                + " fails its checksum; the log ends before it");
                        endTransaction = nextCommitId;
                        endKnown = true;
                        if (!sb.hasIncompat(JournalSuperblock.INCOMPAT_ASYNC_COMMIT)) {
                            failedCommit = true;
                            break scan;
                        }
                    }
                    lastCommitTime = commitTime;
                    nextCommitId++;
                    continue;
                }
                case JournalSuperblock.REVOKE_BLOCK -> {
                    if (pass == Pass.REPLAY) {
                        continue;
                    }
                    if (pass == Pass.SCAN && !tailCsumOk(bh)) {
                        needCheckCommitTime = true;
                    }
                    scanRevokeRecords(pass, bh, nextCommitId);
                    continue;
                }
                default -> {
                    break scan; // unknown block type: the end of the log
                }
            }
        }
        done(pass, nextCommitId);
    }

    private void done(Pass pass, int nextCommitId) {
        if (pass == Pass.SCAN) {
            if (!endKnown) {
                endTransaction = nextCommitId;
                endKnown = true;
            }
        } else if (endTransaction != nextCommitId) {
            problem("recovery pass " + pass + " ended at transaction " + Integer.toUnsignedString(nextCommitId)
                    + ", expected " + Integer.toUnsignedString(endTransaction));
        }
    }

    private void problem(String what) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(what);
        } else {
            unlisted++;
        }
    }

    /** jbd2_do_replay: writes the blocks one descriptor block describes; returns the next log block. */
    private long replayTags(byte[] bh, long nextLogBlock, int sequence) {
        int tagBytes = sb.tagBytes();
        int limit = bs - (sb.hasCsumV2or3() ? TAIL : 0);
        int tagp = HEADER;
        long next = nextLogBlock;
        while (tagp + tagBytes <= limit) {
            int flags = Be.u16(bh, tagp + 6);
            long ioBlock = next;
            next = wrap(next + 1);
            long blocknr = Be.u32(bh, tagp);
            if (sb.has64bit()) {
                blocknr |= Be.u32(bh, tagp + 8) << 32;
            }
            byte[] data;
            try {
                data = jread(ioBlock);
            } catch (JournalException e) {
                problem("cannot read log block " + ioBlock + ": " + e.getMessage());
                data = null;
            }
            if (data != null) {
                writeTagged(bh, tagp, flags, blocknr, data, ioBlock, sequence);
            }
            tagp += tagBytes;
            if ((flags & FLAG_SAME_UUID) == 0) {
                tagp += UUID;
            }
            if ((flags & FLAG_LAST_TAG) != 0) {
                break;
            }
        }
        return next;
    }

    private void writeTagged(byte[] bh, int tagp, int flags, long blocknr, byte[] data, long ioBlock, int sequence) {
        Integer revokedBy = revoked.get(blocknr);
        if (revokedBy != null && !tidGt(sequence, revokedBy)) {
            revokeHits++;
            return;
        }
        if (!tagCsumOk(bh, tagp, data, sequence)) {
            problem("invalid checksum recovering block " + blocknr + " from log block " + ioBlock + "; not replayed");
            return;
        }
        if (blocknr >= fsBlocks) {
            problem("log block " + ioBlock + " is for block " + Long.toUnsignedString(blocknr)
                    + ", beyond the filesystem's " + fsBlocks + "; not replayed");
            return;
        }
        if ((flags & FLAG_ESCAPE) != 0) {
            Be.put32(data, 0, JournalSuperblock.MAGIC);
        }
        try {
            device.write(blocknr * bs, ByteBuffer.wrap(data));
        } catch (VfsException e) {
            throw new JournalException(JournalException.Kind.IO, "block " + blocknr, "replay: " + e.getMessage());
        }
        replays++;
    }

    /** count_tags. */
    private int countTags(byte[] bh) {
        int tagBytes = sb.tagBytes();
        int limit = bs - (sb.hasCsumV2or3() ? TAIL : 0);
        int tagp = HEADER;
        int n = 0;
        while (tagp + tagBytes <= limit) {
            int flags = Be.u16(bh, tagp + 6);
            n++;
            tagp += tagBytes;
            if ((flags & FLAG_SAME_UUID) == 0) {
                tagp += UUID;
            }
            if ((flags & FLAG_LAST_TAG) != 0) {
                break;
            }
        }
        return n;
    }

    /** scan_revoke_records. */
    private void scanRevokeRecords(Pass pass, byte[] bh, int sequence) {
        long rcount = Be.u32(bh, 12);
        int csumSize = sb.hasCsumV2or3() ? TAIL : 0;
        if (rcount > bs - csumSize) {
            throw corrupt("revoke block of transaction " + Integer.toUnsignedString(sequence) + " claims "
                    + rcount + " bytes");
        }
        int recordLen = sb.has64bit() ? 8 : 4;
        int max = (int) rcount;
        if (pass == Pass.SCAN) {
            revokeRecords += Math.max(0, (max - REVOKE_HEADER) / recordLen);
            return;
        }
        for (int offset = REVOKE_HEADER; offset + recordLen <= max; offset += recordLen) {
            long blocknr = recordLen == 4 ? Be.u32(bh, offset) : Be.u64(bh, offset);
            Integer old = revoked.get(blocknr);
            if (old == null) {
                if (revoked.size() >= MAX_REVOKES) {
                    throw corrupt("more than " + MAX_REVOKES + " revoked blocks");
                }
                revoked.put(blocknr, sequence);
            } else if (tidGt(sequence, old)) {
                revoked.put(blocknr, sequence);
            }
        }
    }

    private boolean tailCsumOk(byte[] bh) {
        if (!sb.hasCsumV2or3()) {
            return true;
        }
        int provided = Be.s32(bh, bs - TAIL);
        byte[] copy = bh.clone();
        Be.put32(copy, bs - TAIL, 0);
        return provided == JournalCrc.crc32c(sb.csumSeed(), copy);
    }

    /** jbd2_commit_block_csum_verify, or its _partial form (only the header written). */
    private boolean commitCsumOk(byte[] bh, boolean partial) {
        if (!sb.hasCsumV2or3()) {
            return true;
        }
        int provided = Be.s32(bh, 16);
        byte[] copy = partial ? new byte[bs] : bh.clone();
        if (partial) {
            System.arraycopy(bh, 0, copy, 0, COMMIT_HEADER);
        }
        Be.put32(copy, 16, 0);
        return provided == JournalCrc.crc32c(sb.csumSeed(), copy);
    }

    private boolean tagCsumOk(byte[] bh, int tagp, byte[] data, int sequence) {
        if (!sb.hasCsumV2or3()) {
            return true;
        }
        byte[] seq = new byte[4];
        Be.put32(seq, 0, sequence);
        int csum = JournalCrc.crc32c(JournalCrc.crc32c(sb.csumSeed(), seq), data);
        if (sb.hasIncompat(JournalSuperblock.INCOMPAT_CSUM_V3)) {
            return Be.s32(bh, tagp + 12) == csum;
        }
        return Be.u16(bh, tagp + 4) == (csum & 0xffff);
    }

    /** jread: one journal block, by journal block number. */
    private byte[] jread(long offset) {
        if (offset >= sb.maxLen()) {
            throw corrupt("log block " + offset + " beyond the journal's " + sb.maxLen());
        }
        long physical = map.physical(offset);
        byte[] b = new byte[bs];
        try {
            device.read(physical * bs, ByteBuffer.wrap(b));
        } catch (VfsException e) {
            throw new JournalException(JournalException.Kind.IO, "journal block " + offset, e.getMessage());
        }
        return b;
    }

    /** The kernel's wrap(): past the end of the log means back to its start. */
    private long wrap(long block) {
        if (block >= sb.last()) {
            return sb.first() + (block - sb.first()) % (sb.last() - sb.first());
        }
        return block;
    }

    private static JournalException corrupt(String detail) {
        return new JournalException(JournalException.Kind.CORRUPT_LOG, "journal", detail);
    }

    private static boolean tidGt(int x, int y) {
        return x - y > 0;
    }

    private static boolean tidGeq(int x, int y) {
        return x - y >= 0;
    }
}
