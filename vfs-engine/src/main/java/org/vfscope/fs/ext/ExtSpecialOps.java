package org.vfscope.fs.ext;

import org.vfscope.vfs.FileOperations;
import org.vfscope.vfs.InodeOperations;

/**
 * Device nodes, fifos, sockets (and the file side of symlinks): the defaults, whose setattr is
 * simple_setattr; write_inode takes the change to disk.
 */
final class ExtSpecialOps implements InodeOperations, FileOperations {
}
