package org.vfscope.fs.ramfs;

import org.vfscope.vfs.FileOperations;
import org.vfscope.vfs.InodeOperations;

/** Device nodes, fifos, sockets (and the file side of symlinks): the defaults do all. */
final class RamfsSpecialOps implements InodeOperations, FileOperations {
}
