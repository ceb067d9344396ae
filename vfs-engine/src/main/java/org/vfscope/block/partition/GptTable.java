package org.vfscope.block.partition;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A GUID partition table, read from the primary header at LBA 1 or, when that is damaged, from
 * the backup at the last LBA.
 *
 * @param diskGuid   the disk GUID from the header that was used
 * @param usedBackup whether the backup header was used because the primary was unusable
 */
public record GptTable(UUID diskGuid, boolean usedBackup, List<Partition> partitions, List<String> problems)
        implements PartitionTable {

    public GptTable {
        Objects.requireNonNull(diskGuid);
        partitions = List.copyOf(partitions);
        problems = List.copyOf(problems);
    }

    @Override
    public String scheme() {
        return "gpt";
    }
}
