package org.vfscope.app.workbench.explorer;

import org.vfscope.vfs.FileMode;

/**
 * One row of the explorer: the image, a volume, or an entry of a volume's filesystem.
 *
 * @param kind   what it is
 * @param name   what the row shows
 * @param volume the volume index, or -1 for the image row
 * @param path   the absolute path inside the volume ("/" for a volume's root); "" for the image row
 * @param ino    the inode number getdents gave, or 0
 */
public record FsNode(Kind kind, String name, int volume, String path, long ino) {

    /** The kinds of row, each with its icon. */
    public enum Kind { IMAGE, VOLUME, DIRECTORY, FILE, SYMLINK, DEVICE, FIFO, SOCKET, UNKNOWN;

        public boolean isContainer() {
            return this == IMAGE || this == VOLUME || this == DIRECTORY;
        }

        public boolean isFileLike() {
            return this == FILE || this == SYMLINK || this == UNKNOWN;
        }

        /** The kind of a {@code DT_*} type from getdents. */
        public static Kind ofDtype(int dtype) {
            return switch (dtype) {
                case FileMode.DT_DIR -> DIRECTORY;
                case FileMode.DT_REG -> FILE;
                case FileMode.DT_LNK -> SYMLINK;
                case FileMode.DT_BLK, FileMode.DT_CHR -> DEVICE;
                case FileMode.DT_FIFO -> FIFO;
                case FileMode.DT_SOCK -> SOCKET;
                default -> UNKNOWN;
            };
        }
    }

    public static FsNode image(String name) {
        return new FsNode(Kind.IMAGE, name, -1, "", 0);
    }

    public static FsNode volume(int index, String label) {
        return new FsNode(Kind.VOLUME, label, index, "/", 2);
    }

    /** The child {@code name} of directory node {@code dir}. */
    public static FsNode child(FsNode dir, String name, int dtype, long ino) {
        return new FsNode(Kind.ofDtype(dtype), name, dir.volume, join(dir.path, name), ino);
    }

    public static String join(String dir, String name) {
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }

    /** The directory holding this entry ("/" for top-level entries and for the root). */
    public String parentPath() {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    public boolean isFsEntry() {
        return volume >= 0 && kind != Kind.VOLUME;
    }
}
