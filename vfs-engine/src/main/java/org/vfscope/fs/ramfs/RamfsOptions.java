package org.vfscope.fs.ramfs;

import org.vfscope.vfs.MountOptions;

/** The mount options ramfs takes, with their defaults. */
record RamfsOptions(int rootMode, int uid, int gid, long sizeBytes, long maxInodes) {
    static final int DEFAULT_MODE = 0755;

    static RamfsOptions parse(MountOptions o) {
        Integer mode = o.octal("mode");
        String uid = o.value("uid");
        String gid = o.value("gid");
        Long size = o.size("size");
        Long inodes = o.size("nr_inodes");
        return new RamfsOptions(
                mode == null ? DEFAULT_MODE : mode & 07777,
                uid == null ? 0 : parseId("uid", uid),
                gid == null ? 0 : parseId("gid", gid),
                size == null ? 0 : size,
                inodes == null ? 0 : inodes);
    }

    private static int parseId(String name, String v) {
        try {
            int id = Integer.parseInt(v);
            if (id < 0) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw new org.vfscope.vfs.VfsException(org.vfscope.vfs.Errno.EINVAL,
                    "mount option '" + name + "=" + v + "'", "not a user or group id");
        }
    }
}
