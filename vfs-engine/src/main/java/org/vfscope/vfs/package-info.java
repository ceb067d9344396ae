/**
 * The VFS object model: file system types, superblocks, inodes, dentries, mounts, open files and
 * the operation tables drivers implement. Follows {@code include/linux/fs.h}.
 */
package org.vfscope.vfs;
