package org.vfscope.vfs;

/** The {@code st_mode} bits of include/uapi/linux/stat.h and the {@code DT_*} types of getdents. */
public final class FileMode {
    public static final int S_IFMT = 0170000;
    public static final int S_IFSOCK = 0140000;
    public static final int S_IFLNK = 0120000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFBLK = 0060000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFCHR = 0020000;
    public static final int S_IFIFO = 0010000;
    public static final int S_ISUID = 04000;
    public static final int S_ISGID = 02000;
    public static final int S_ISVTX = 01000;
    public static final int S_IALLUGO = 07777;
    public static final int S_IRWXUGO = 0777;

    public static final int MAY_EXEC = 1;
    public static final int MAY_WRITE = 2;
    public static final int MAY_READ = 4;

    public static final int DT_UNKNOWN = 0;
    public static final int DT_FIFO = 1;
    public static final int DT_CHR = 2;
    public static final int DT_DIR = 4;
    public static final int DT_BLK = 6;
    public static final int DT_REG = 8;
    public static final int DT_LNK = 10;
    public static final int DT_SOCK = 12;

    private FileMode() {
    }

    public static boolean isDir(int mode) {
        return (mode & S_IFMT) == S_IFDIR;
    }

    public static boolean isReg(int mode) {
        return (mode & S_IFMT) == S_IFREG;
    }

    public static boolean isLnk(int mode) {
        return (mode & S_IFMT) == S_IFLNK;
    }

    public static boolean isSpecial(int mode) {
        int fmt = mode & S_IFMT;
        return fmt == S_IFCHR || fmt == S_IFBLK || fmt == S_IFIFO || fmt == S_IFSOCK;
    }

    /** The getdents type for a mode, as fs_umode_to_dtype does. */
    public static int dtype(int mode) {
        return (mode & S_IFMT) >>> 12;
    }

    /** {@code ls -l} style, e.g. {@code drwxr-xr-x}. */
    public static String toString(int mode) {
        char type = switch (mode & S_IFMT) {
            case S_IFDIR -> 'd';
            case S_IFLNK -> 'l';
            case S_IFCHR -> 'c';
            case S_IFBLK -> 'b';
            case S_IFIFO -> 'p';
            case S_IFSOCK -> 's';
            default -> '-';
        };
        StringBuilder sb = new StringBuilder().append(type);
        String rwx = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            sb.append((mode & (0400 >> i)) != 0 ? rwx.charAt(i) : '-');
        }
        if ((mode & S_ISUID) != 0) {
            sb.setCharAt(3, (mode & 0100) != 0 ? 's' : 'S');
        }
        if ((mode & S_ISGID) != 0) {
            sb.setCharAt(6, (mode & 010) != 0 ? 's' : 'S');
        }
        if ((mode & S_ISVTX) != 0) {
            sb.setCharAt(9, (mode & 01) != 0 ? 't' : 'T');
        }
        return sb.toString();
    }
}
