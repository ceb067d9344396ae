package org.vfscope.vfs;

/**
 * The per-mount and per-superblock flags that mount(8) sets with generic options (MNT_* and
 * SB_* in the kernel), and how /proc/mounts shows them.
 */
public final class MountFlags {
    public static final int RDONLY = 1;
    public static final int NOSUID = 1 << 1;
    public static final int NODEV = 1 << 2;
    public static final int NOEXEC = 1 << 3;
    public static final int SYNCHRONOUS = 1 << 4;
    public static final int NOATIME = 1 << 5;
    public static final int NODIRATIME = 1 << 6;
    public static final int RELATIME = 1 << 7;
    public static final int DIRSYNC = 1 << 8;
    public static final int LAZYTIME = 1 << 9;

    /** Linux's default for a new mount: read-write with relatime. */
    public static final int DEFAULT = RELATIME;

    private MountFlags() {
    }

    /** Applies a generic option; returns the new flags, or -1 if the name is not generic. */
    static int apply(int flags, String name) {
        return switch (name) {
            case "ro" -> flags | RDONLY;
            case "rw" -> flags & ~RDONLY;
            case "nosuid" -> flags | NOSUID;
            case "suid" -> flags & ~NOSUID;
            case "nodev" -> flags | NODEV;
            case "dev" -> flags & ~NODEV;
            case "noexec" -> flags | NOEXEC;
            case "exec" -> flags & ~NOEXEC;
            case "sync" -> flags | SYNCHRONOUS;
            case "async" -> flags & ~SYNCHRONOUS;
            case "dirsync" -> flags | DIRSYNC;
            case "noatime" -> (flags | NOATIME) & ~RELATIME;
            case "atime" -> flags & ~NOATIME;
            case "nodiratime" -> flags | NODIRATIME;
            case "diratime" -> flags & ~NODIRATIME;
            case "relatime" -> (flags | RELATIME) & ~NOATIME;
            case "norelatime", "strictatime" -> flags & ~(RELATIME | NOATIME);
            case "lazytime" -> flags | LAZYTIME;
            case "nolazytime" -> flags & ~LAZYTIME;
            case "defaults" -> DEFAULT;
            default -> -1;
        };
    }

    /** The generic part of a /proc/mounts options field, e.g. {@code rw,nosuid,relatime}. */
    public static String show(int flags) {
        StringBuilder sb = new StringBuilder((flags & RDONLY) != 0 ? "ro" : "rw");
        if ((flags & SYNCHRONOUS) != 0) {
            sb.append(",sync");
        }
        if ((flags & DIRSYNC) != 0) {
            sb.append(",dirsync");
        }
        if ((flags & LAZYTIME) != 0) {
            sb.append(",lazytime");
        }
        if ((flags & NOSUID) != 0) {
            sb.append(",nosuid");
        }
        if ((flags & NODEV) != 0) {
            sb.append(",nodev");
        }
        if ((flags & NOEXEC) != 0) {
            sb.append(",noexec");
        }
        if ((flags & NOATIME) != 0) {
            sb.append(",noatime");
        }
        if ((flags & NODIRATIME) != 0) {
            sb.append(",nodiratime");
        }
        if ((flags & RELATIME) != 0) {
            sb.append(",relatime");
        }
        return sb.toString();
    }
}
