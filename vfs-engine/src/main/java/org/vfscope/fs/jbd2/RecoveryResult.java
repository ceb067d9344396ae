package org.vfscope.fs.jbd2;

import java.util.List;

/**
 * What a recovery did (struct recovery_info, plus what the kernel only prints).
 *
 * @param startTransaction the first transaction ID in the log
 * @param endTransaction   the first transaction ID not replayed (where the valid log ends)
 * @param blocksReplayed   blocks written to the filesystem (a block in several transactions counts each time)
 * @param revokeRecords    revoke records met in the log
 * @param revokeHits       logged blocks not written because a later transaction revoked them
 * @param failedCommit     whether a commit block failed its checksum and cut the log short (j_failed_commit)
 * @param problems         what went wrong without stopping the replay ("recover what we can"), one line each
 */
public record RecoveryResult(int startTransaction, int endTransaction, long blocksReplayed, long revokeRecords,
                             long revokeHits, boolean failedCommit, List<String> problems) {

    public RecoveryResult {
        problems = List.copyOf(problems);
    }

    /** Complete transactions replayed. */
    public long transactions() {
        return Integer.toUnsignedLong(endTransaction - startTransaction);
    }

    /** The s_sequence the journal gets afterwards: the log restarts past every ID seen. */
    public int nextSequence() {
        return endTransaction + 1;
    }

    /** Whether everything in the valid log was replayed as written (no checksum or I/O trouble). */
    public boolean clean() {
        return !failedCommit && problems.isEmpty();
    }
}
