package org.vfscope.fs.jbd2;

import java.util.Arrays;

/**
 * jbd2_journal_bmap: journal block number to device block, for a journal kept in a file (the
 * journal inode). Built once from the file's block map, as runs, before anything is replayed, so
 * that replay cannot change the map it reads by.
 */
public final class JournalMap {
    /** More runs than this is not a journal mke2fs or the kernel would make. */
    public static final int MAX_RUNS = 1 << 20;

    private final long[] logical;
    private final long[] physical;
    private final int runs;
    private final long blocks;

    private JournalMap(long[] logical, long[] physical, int runs, long blocks) {
        this.logical = logical;
        this.physical = physical;
        this.runs = runs;
        this.blocks = blocks;
    }

    /** How many journal blocks are mapped, from block 0. */
    public long blocks() {
        return blocks;
    }

    /** The device block of journal block {@code block}; BAD_JOURNAL_INODE past the mapped length. */
    public long physical(long block) {
        if (block < 0 || block >= blocks) {
            throw new JournalException(JournalException.Kind.BAD_JOURNAL_INODE, "journal block " + block,
                    "beyond the journal's " + blocks + " mapped blocks");
        }
        int i = Arrays.binarySearch(logical, 0, runs, block);
        if (i < 0) {
            i = -i - 2;
        }
        return physical[i] + (block - logical[i]);
    }

    /** Builds the map from consecutive runs, journal block 0 first. */
    public static final class Builder {
        private final long deviceBlocks;
        private long[] logical = new long[16];
        private long[] physical = new long[16];
        private long[] count = new long[16];
        private int runs;
        private long next;

        /** @param deviceBlocks blocks of the filesystem: a run reaching past them is refused */
        public Builder(long deviceBlocks) {
            this.deviceBlocks = deviceBlocks;
        }

        /** The next {@code n} journal blocks live at device blocks {@code start..start+n-1}. */
        public Builder add(long start, long n) {
            if (n <= 0 || start <= 0 || start > deviceBlocks - n) {
                throw new JournalException(JournalException.Kind.BAD_JOURNAL_INODE, "journal block " + next,
                        "maps to device blocks " + start + "+" + n + ", outside the filesystem's " + deviceBlocks);
            }
            if (runs > 0 && physical[runs - 1] + count[runs - 1] == start) {
                count[runs - 1] += n;
            } else {
                if (runs == MAX_RUNS) {
                    throw new JournalException(JournalException.Kind.BAD_JOURNAL_INODE, "journal",
                            "more than " + MAX_RUNS + " fragments");
                }
                if (runs == logical.length) {
                    logical = Arrays.copyOf(logical, runs * 2);
                    physical = Arrays.copyOf(physical, runs * 2);
                    count = Arrays.copyOf(count, runs * 2);
                }
                logical[runs] = next;
                physical[runs] = start;
                count[runs] = n;
                runs++;
            }
            next += n;
            return this;
        }

        public long mapped() {
            return next;
        }

        public JournalMap build() {
            return new JournalMap(logical, physical, runs, next);
        }
    }
}
