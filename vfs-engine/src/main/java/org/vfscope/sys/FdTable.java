package org.vfscope.sys;

import java.util.ArrayList;
import java.util.List;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.OpenFile;
import org.vfscope.vfs.VfsException;

/**
 * {@code struct files_struct}: a process's file descriptors, lowest free number first, at most
 * {@link #MAX_FDS} (RLIMIT_NOFILE's usual soft limit) and EMFILE beyond.
 */
final class FdTable {
    static final int MAX_FDS = 1024;

    private final List<OpenFile> files = new ArrayList<>();

    synchronized int install(OpenFile file) {
        for (int fd = 0; fd < files.size(); fd++) {
            if (files.get(fd) == null) {
                files.set(fd, file);
                return fd;
            }
        }
        if (files.size() >= MAX_FDS) {
            throw new VfsException(Errno.EMFILE);
        }
        files.add(file);
        return files.size() - 1;
    }

    /** fdget: the open file with a reference the caller must put, or EBADF. */
    synchronized OpenFile get(int fd) {
        if (fd < 0 || fd >= files.size() || files.get(fd) == null) {
            throw new VfsException(Errno.EBADF);
        }
        return files.get(fd).get();
    }

    synchronized OpenFile remove(int fd) {
        if (fd < 0 || fd >= files.size() || files.get(fd) == null) {
            throw new VfsException(Errno.EBADF);
        }
        OpenFile f = files.get(fd);
        files.set(fd, null);
        return f;
    }

    synchronized List<OpenFile> removeAll() {
        List<OpenFile> out = new ArrayList<>();
        for (int fd = 0; fd < files.size(); fd++) {
            if (files.get(fd) != null) {
                out.add(files.get(fd));
                files.set(fd, null);
            }
        }
        return out;
    }

    synchronized int openCount() {
        int n = 0;
        for (OpenFile f : files) {
            if (f != null) {
                n++;
            }
        }
        return n;
    }
}
