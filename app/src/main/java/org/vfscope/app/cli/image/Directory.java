package org.vfscope.app.cli.image;

import java.util.ArrayList;
import java.util.List;

import org.vfscope.sys.Process;
import org.vfscope.vfs.DirEntry;
import org.vfscope.vfs.OpenFlags;

/** Reading a directory of the image: its names, "." and ".." left out, sorted as {@code ls} sorts them in the C locale. */
final class Directory {
    /** Entries per getdents call, about what a 32 KiB getdents64 buffer holds for short names. */
    private static final int DIRENTS_PER_CALL = 256;

    private Directory() {
    }

    /** The names in directory {@code path}; VfsException as open(2) and getdents(2) fail. */
    static List<String> names(Process p, String path) {
        int fd = p.open(path, OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY);
        List<String> names = new ArrayList<>();
        try {
            for (List<DirEntry> batch = p.getdents(fd, DIRENTS_PER_CALL); !batch.isEmpty();
                    batch = p.getdents(fd, DIRENTS_PER_CALL)) {
                for (DirEntry e : batch) {
                    if (!e.name().equals(".") && !e.name().equals("..")) {
                        names.add(e.name());
                    }
                }
            }
        } finally {
            p.close(fd);
        }
        names.sort(Directory::compareBytes);
        return names;
    }

    /** strcmp on the UTF-8 bytes: the C locale's order, which is also what ls -R prints in scripts. */
    static int compareBytes(String a, String b) {
        byte[] x = a.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] y = b.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return java.util.Arrays.compareUnsigned(x, y);
    }
}
