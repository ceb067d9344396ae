package org.vfscope.app.cli.image;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

import org.vfscope.sys.Process;
import org.vfscope.vfs.SuperBlock;
import org.vfscope.vfs.Stat;

/**
 * The JSON objects of {@code ls --json} and {@code stat --json}, fields in the documented order.
 * Times are whole seconds since the epoch; {@code mode} is the permission bits with setuid,
 * setgid and sticky, without the type; {@code target} is there for symlinks only.
 */
final class Entries {
    private Entries() {
    }

    /** One {@code ls --json} entry: path, name, type, mode, size, ino, nlink, uid, gid, mtime[, target]. */
    static Map<String, Object> entry(String path, String name, Stat st, String target) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", path);
        m.put("name", name);
        m.put("type", FileTypes.name(st.mode()));
        m.put("mode", st.permissions());
        m.put("size", st.size());
        m.put("ino", st.ino());
        m.put("nlink", st.nlink());
        m.put("uid", st.uid());
        m.put("gid", st.gid());
        m.put("mtime", st.mtime().getEpochSecond());
        if (target != null) {
            m.put("target", target);
        }
        return m;
    }

    /** The {@code stat --json} object: the entry, then atime, ctime, blocks, flags and xattrs. */
    static Map<String, Object> stat(Process p, SuperBlock sb, String path, Stat st) {
        Map<String, Object> m = entry(path, ImagePaths.name(path), st, target(p, path, st));
        m.put("atime", st.atime().getEpochSecond());
        m.put("ctime", st.ctime().getEpochSecond());
        m.put("blocks", st.blocks());
        OptionalInt flags = InodeFlags.of(sb, st.ino());
        m.put("flags", flags.isPresent() ? flags.getAsInt() : null);
        m.put("xattrs", Xattrs.of(p, path));
        return m;
    }

    /** The symlink's target, or null when {@code st} is not a symlink. */
    static String target(Process p, String path, Stat st) {
        return st.isSymlink() ? p.readlink(path) : null;
    }
}
