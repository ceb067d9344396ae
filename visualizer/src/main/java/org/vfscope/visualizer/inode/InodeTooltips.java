package org.vfscope.visualizer.inode;

import java.util.StringJoiner;
import org.vfscope.trace.InodeInfo;
import org.vfscope.trace.InodeIoList;
import org.vfscope.vfs.icache.InodeState;
import org.vfscope.visualizer.canvas.Format;

/** Hover texts of the inode view and the cells of its table. */
public final class InodeTooltips {
    private InodeTooltips() {
    }

    public static String tooltip(InodeInfo i, String name, long nowNanos) {
        StringJoiner bits = new StringJoiner(" ");
        for (InodeState s : i.state()) {
            bits.add(s.name());
        }
        return name + " (ino " + i.ino() + ", dev " + i.dev() + ")\n"
                + type(i.mode()) + " · size " + Format.bytes(i.size()) + " · count " + i.count() + " · nlink "
                + i.nlink() + "\n"
                + "pages cached " + Format.count(i.cachedPages()) + ", dirty " + Format.count(i.dirtyPages()) + "\n"
                + listText(i, nowNanos) + "\n"
                + (i.onLru() ? "on the inode LRU at " + i.lruPosition() + " from the head"
                        : i.cachedPages() > 0 && i.count() == 0 ? "off the LRU: it still has cached pages"
                        : "not on the inode LRU") + "\n"
                + "i_state: " + (bits.length() == 0 ? "none" : bits);
    }

    public static String chip(InodeState s) {
        return s.name() + ": " + InodeStateStyle.meaning(s);
    }

    /** "b_dirty, dirtied 4.2 s ago" or "on no writeback list". */
    public static String listText(InodeInfo i, long nowNanos) {
        if (i.ioList() == InodeIoList.NONE) {
            return "on no writeback list";
        }
        return i.ioList().name().toLowerCase(java.util.Locale.ROOT) + ", dirtied " + Format.age(nowNanos - i.dirtiedWhen())
                + " ago";
    }

    static String type(int mode) {
        return switch (mode & 0170000) {
            case 0040000 -> "directory";
            case 0100000 -> "regular file";
            case 0120000 -> "symlink";
            case 0060000 -> "block device";
            case 0020000 -> "char device";
            case 0010000 -> "fifo";
            case 0140000 -> "socket";
            default -> "inode";
        };
    }

    static String shortType(int mode) {
        return switch (mode & 0170000) {
            case 0040000 -> "dir";
            case 0100000 -> "file";
            case 0120000 -> "link";
            case 0060000 -> "bdev";
            default -> "other";
        };
    }
}
