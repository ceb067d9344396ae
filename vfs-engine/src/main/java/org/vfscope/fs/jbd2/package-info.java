/**
 * JBD2, the journal under ext3 and ext4 (fs/jbd2 in Linux, e2fsck/recovery.c in e2fsprogs):
 * parsing the journal superblock and replaying a journal that needs recovery. The layer sits
 * between the block device and the filesystem driver: it reads journal blocks through a
 * {@link org.vfscope.fs.jbd2.JournalMap} the filesystem supplies and writes the replayed blocks
 * to the device, before the filesystem is mounted. Everything on disk is big-endian here.
 */
package org.vfscope.fs.jbd2;
