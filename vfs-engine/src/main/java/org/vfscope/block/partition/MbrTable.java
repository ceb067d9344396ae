package org.vfscope.block.partition;

import java.util.List;

/**
 * An MS-DOS partition table: four primary slots in sector 0, and logical partitions in a chain
 * of extended boot records. An extended partition is listed too, as sfdisk and the kernel do.
 *
 * @param diskId the disk signature at offset 440 (sfdisk's label-id), 0 if none
 */
public record MbrTable(int diskId, List<Partition> partitions, List<String> problems) implements PartitionTable {

    public MbrTable {
        partitions = List.copyOf(partitions);
        problems = List.copyOf(problems);
    }

    @Override
    public String scheme() {
        return "dos";
    }
}
