package org.vfscope.visualizer.inode;

import javafx.scene.paint.Color;
import org.vfscope.vfs.icache.InodeState;
import org.vfscope.visualizer.Palette;

/** Each i_state bit's chip: its colour by family, its short label and what it means. */
public final class InodeStateStyle {
    private InodeStateStyle() {
    }

    /** The name without "I_": DIRTY_PAGES. */
    public static String label(InodeState s) {
        return s.name().substring(2);
    }

    public static Color color(InodeState s) {
        return switch (s) {
            case I_DIRTY_SYNC, I_DIRTY_DATASYNC, I_DIRTY_PAGES -> Palette.VERMILLION;
            case I_DIRTY_TIME -> Palette.ORANGE;
            case I_SYNC, I_SYNC_QUEUED -> Palette.BLUE;
            case I_REFERENCED -> Palette.BLUISH_GREEN;
            case I_NEW -> Palette.YELLOW;
            case I_WILL_FREE, I_FREEING, I_CLEAR -> Palette.REDDISH_PURPLE;
            case I_LINKABLE, I_DONTCACHE -> Palette.GREY;
        };
    }

    public static String meaning(InodeState s) {
        return switch (s) {
            case I_NEW -> "being set up; lookups wait for unlock_new_inode";
            case I_DIRTY_SYNC -> "metadata a sync must write";
            case I_DIRTY_DATASYNC -> "metadata fdatasync must write too (size)";
            case I_DIRTY_PAGES -> "the page cache holds dirty pages";
            case I_DIRTY_TIME -> "only timestamps are dirty (lazytime)";
            case I_SYNC -> "writeback of this inode is running";
            case I_SYNC_QUEUED -> "queued for writeback by the flusher";
            case I_REFERENCED -> "second chance on the inode LRU";
            case I_WILL_FREE -> "iput_final is writing it out before freeing";
            case I_FREEING -> "being evicted";
            case I_CLEAR -> "evicted: the filesystem released it";
            case I_LINKABLE -> "O_TMPFILE inode that may still be linked";
            case I_DONTCACHE -> "evict on last iput";
        };
    }

    /** Chip width for a label at the chip font (12 px bold): a fixed advance keeps layout testable. */
    public static double chipWidth(InodeState s) {
        return Math.ceil(label(s).length() * 8.8) + 14;
    }
}
