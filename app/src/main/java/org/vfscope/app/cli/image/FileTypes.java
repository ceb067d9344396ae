package org.vfscope.app.cli.image;

import org.vfscope.vfs.FileMode;

/** The file type in a mode, as the JSON output names it and as {@code ls -l} draws it. */
final class FileTypes {
    private FileTypes() {
    }

    /** "file", "dir", "symlink", "fifo", "chardev", "blockdev", "socket" (or "unknown"). */
    static String name(int mode) {
        return switch (mode & FileMode.S_IFMT) {
            case FileMode.S_IFREG -> "file";
            case FileMode.S_IFDIR -> "dir";
            case FileMode.S_IFLNK -> "symlink";
            case FileMode.S_IFIFO -> "fifo";
            case FileMode.S_IFCHR -> "chardev";
            case FileMode.S_IFBLK -> "blockdev";
            case FileMode.S_IFSOCK -> "socket";
            default -> "unknown";
        };
    }

    /** What stat(1) calls the type: "regular file", "directory", "symbolic link"... */
    static String longName(int mode) {
        return switch (mode & FileMode.S_IFMT) {
            case FileMode.S_IFREG -> "regular file";
            case FileMode.S_IFDIR -> "directory";
            case FileMode.S_IFLNK -> "symbolic link";
            case FileMode.S_IFIFO -> "fifo";
            case FileMode.S_IFCHR -> "character special file";
            case FileMode.S_IFBLK -> "block special file";
            case FileMode.S_IFSOCK -> "socket";
            default -> "unknown type";
        };
    }

    /** {@code ls -l}'s "drwxr-xr-x", with s/S, t/T for setuid, setgid and sticky. */
    static String modeString(int mode) {
        char type = switch (mode & FileMode.S_IFMT) {
            case FileMode.S_IFDIR -> 'd';
            case FileMode.S_IFLNK -> 'l';
            case FileMode.S_IFIFO -> 'p';
            case FileMode.S_IFCHR -> 'c';
            case FileMode.S_IFBLK -> 'b';
            case FileMode.S_IFSOCK -> 's';
            case FileMode.S_IFREG -> '-';
            default -> '?';
        };
        StringBuilder sb = new StringBuilder().append(type);
        sb.append(rwx(mode >> 6, (mode & FileMode.S_ISUID) != 0, 's'));
        sb.append(rwx(mode >> 3, (mode & FileMode.S_ISGID) != 0, 's'));
        sb.append(rwx(mode, (mode & FileMode.S_ISVTX) != 0, 't'));
        return sb.toString();
    }

    private static String rwx(int bits, boolean special, char specialChar) {
        char x = (bits & 1) != 0 ? (special ? specialChar : 'x') : (special ? Character.toUpperCase(specialChar) : '-');
        return "" + ((bits & 4) != 0 ? 'r' : '-') + ((bits & 2) != 0 ? 'w' : '-') + x;
    }

    /** Whether the mode is a character or block device. */
    static boolean isDevice(int mode) {
        int fmt = mode & FileMode.S_IFMT;
        return fmt == FileMode.S_IFCHR || fmt == FileMode.S_IFBLK;
    }

    /** glibc's major(): dev_t as Linux encodes it (and as ext stores it once decoded). */
    static long major(long dev) {
        return ((dev >>> 8) & 0xfff) | ((dev >>> 32) & 0xfffff000L);
    }

    /** glibc's minor(). */
    static long minor(long dev) {
        return (dev & 0xff) | ((dev >>> 12) & 0xffffff00L);
    }
}
