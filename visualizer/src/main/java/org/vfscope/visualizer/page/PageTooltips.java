package org.vfscope.visualizer.page;

import java.util.StringJoiner;
import org.vfscope.mm.FolioFlag;
import org.vfscope.trace.PageInfo;
import org.vfscope.trace.PageLru;
import org.vfscope.visualizer.canvas.Format;

/** The hover text for a page, and for a hole in a file's page map. */
public final class PageTooltips {
    private PageTooltips() {
    }

    public static String page(PageInfo p, String fileName, long listLength) {
        StringJoiner flags = new StringJoiner(" ");
        for (FolioFlag f : p.flags()) {
            flags.add(f.name());
        }
        String where = p.lru() == PageLru.NONE
                ? "on no LRU list"
                : p.lru().name().toLowerCase(java.util.Locale.ROOT) + " list, position " + p.lruPosition()
                        + " of " + listLength + " from the head" + (p.lru() == PageLru.INACTIVE
                        && p.lruPosition() == listLength - 1 ? " (reclaim takes it next)" : "");
        return fileName + " (ino " + p.ino() + ")\n"
                + "page " + p.index() + ", file offset " + Format.bytes(p.index() * 4096) + "\n"
                + where + "\n"
                + "flags: " + (flags.length() == 0 ? "none" : flags);
    }

    public static String absent(String fileName, long index) {
        return fileName + "\npage " + index + ", file offset " + Format.bytes(index * 4096) + "\nnot in the page cache";
    }
}
