/**
 * Partition tables (the kernel's block/partitions/, blkid's partitions/): {@link
 * org.vfscope.block.partition.PartitionTables#read} finds an MS-DOS table (with its chain of
 * logical partitions) or a GPT on a disk, and each {@link org.vfscope.block.partition.Partition}
 * opens as a {@link org.vfscope.block.PartitionView}. Every on-disk number is checked before use:
 * what cannot be trusted is skipped and noted in {@link
 * org.vfscope.block.partition.PartitionTable#problems()}; chains and arrays are bounded, so a
 * hostile table never hangs or exhausts memory. Only a GPT with no usable header is an error
 * ({@code EUCLEAN}).
 */
package org.vfscope.block.partition;
