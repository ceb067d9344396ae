package org.vfscope.visualizer.dentry;

import java.util.StringJoiner;
import org.vfscope.trace.DentryInfo;
import org.vfscope.vfs.dcache.DentryFlag;
import org.vfscope.visualizer.canvas.Format;

/** The hover text for a dentry and the short description on its tree row. */
public final class DentryTooltips {
    private DentryTooltips() {
    }

    public static String tooltip(DentryInfo d, String path, long lruLength) {
        StringBuilder sb = new StringBuilder(path).append('\n');
        sb.append(DentryStyle.label(d.state())).append(" · count ").append(d.count());
        sb.append(d.ino() >= 0 ? " · inode " + d.ino() : " · no inode").append('\n');
        if (d.onLru()) {
            sb.append("on the LRU at ").append(d.lruPosition()).append(" of ").append(Format.count(lruLength))
                    .append(" from the head (the shrinker scans from the head)\n");
        } else {
            sb.append("not on the LRU\n");
        }
        return sb.append("flags: ").append(flags(d)).toString();
    }

    /** "ino 12 · count 1 · LRU #3 · REFERENCED" */
    public static String rowNote(DentryInfo d) {
        StringBuilder sb = new StringBuilder();
        sb.append(d.ino() >= 0 ? "ino " + d.ino() : "negative").append(" · count ").append(d.count());
        if (d.onLru()) {
            sb.append(" · LRU #").append(d.lruPosition());
        }
        for (DentryFlag f : d.flags()) {
            if (f != DentryFlag.LRU_LIST) {
                sb.append(" · ").append(f.name());
            }
        }
        return sb.toString();
    }

    static String flags(DentryInfo d) {
        StringJoiner j = new StringJoiner(" ");
        for (DentryFlag f : d.flags()) {
            j.add(f.name());
        }
        return j.length() == 0 ? "none" : j.toString();
    }
}
