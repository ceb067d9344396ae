package org.vfscope.app.cli.image;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import org.vfscope.fs.ext.ExtSuper;
import org.vfscope.vfs.SuperBlock;
import org.vfscope.vfs.VfsException;

/**
 * An inode's flags (i_flags, what {@code lsattr} shows). The engine has no FS_IOC_GETFLAGS yet,
 * so they are read from the driver: ext only, for now.
 */
final class InodeFlags {
    /** lsattr's names for the FS_*_FL / EXT4_*_FL bits, lowest bit first. */
    private static final String[] NAMES = {
        "secrm", "unrm", "compr", "sync", "immutable", "append", "nodump", "noatime",
        "dirty", "compr_blocks", "nocompr", "encrypt", "index", "imagic", "journal_data", "notail",
        "dirsync", "topdir", "huge_file", "extents", "verity", "ea_inode", "eofblocks", "nocow",
        "", "dax", "", "", "inline_data", "project", "casefold", "",
    };

    private InodeFlags() {
    }

    /** The flags of inode {@code ino}, or empty when the filesystem has none we can read. */
    static OptionalInt of(SuperBlock sb, long ino) {
        ExtSuper ext = ExtSuper.of(sb);
        if (ext == null) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(ext.fs().inodes().read(ino).flags());
        } catch (VfsException e) {
            return OptionalInt.empty(); // stat worked; a flag word we cannot read again is not worth failing for
        }
    }

    /** The names of the set bits, lowest first: "extents", "index"... (hex for bits without one). */
    static List<String> names(int flags) {
        List<String> names = new ArrayList<>();
        for (int bit = 0; bit < 32; bit++) {
            if ((flags & (1 << bit)) != 0) {
                names.add(NAMES[bit].isEmpty() ? String.format("0x%x", 1 << bit) : NAMES[bit]);
            }
        }
        return names;
    }
}
