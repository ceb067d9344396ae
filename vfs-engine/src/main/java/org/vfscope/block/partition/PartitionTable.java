package org.vfscope.block.partition;

import java.util.List;

/**
 * A partition table read from a disk (what block/partitions/ parses at add_disk). The partitions
 * are the ones that passed every check; whatever was skipped or looked wrong is in {@link
 * #problems()}, so a damaged table still shows what can be trusted.
 */
public sealed interface PartitionTable permits MbrTable, GptTable {

    /** The scheme's name as blkid's PTTYPE and lsblk report it: "dos" or "gpt". */
    String scheme();

    /** Usable partitions, in the order Linux numbers them. */
    List<Partition> partitions();

    /** What was wrong and what was done about it, e.g. "primary GPT header CRC mismatch; using the backup". */
    List<String> problems();
}
