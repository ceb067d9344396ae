package org.vfscope.app.scenario;

import java.nio.ByteBuffer;
import java.util.List;

import org.vfscope.app.image.Machine;
import org.vfscope.sys.Process;
import org.vfscope.vfs.DirEntry;
import org.vfscope.vfs.OpenFlags;
import org.vfscope.vfs.Seek;
import org.vfscope.vfs.VfsException;

/**
 * Performs one step as a program would, through the process's system calls, so the caches see
 * what they would see under {@code dd}, {@code ls} or {@code mv}. A failing call throws
 * {@link VfsException} with Linux's errno.
 */
final class StepExecutor {
    private static final int FILE_MODE = 0644;
    private static final int DIR_MODE = 0755;
    /** Entries per getdents call, about what a 32 KiB getdents64 buffer holds for short names. */
    private static final int DIRENTS_PER_CALL = 128;

    private final Machine machine;
    private final Process p;

    StepExecutor(Machine machine) {
        this.machine = machine;
        this.p = machine.process();
    }

    // Java 17 has no pattern switch: one instanceof per op, in the order of the scenario format.
    void execute(Step step) throws InterruptedException {
        if (step instanceof Step.Read r) {
            read(r);
        } else if (step instanceof Step.Write w) {
            write(w);
        } else if (step instanceof Step.Create c) {
            p.close(p.open(c.path(), OpenFlags.O_CREAT | OpenFlags.O_EXCL | OpenFlags.O_WRONLY, FILE_MODE));
        } else if (step instanceof Step.Mkdir m) {
            p.mkdir(m.path(), DIR_MODE);
        } else if (step instanceof Step.Unlink u) {
            p.unlink(u.path());
        } else if (step instanceof Step.Stat s) {
            p.stat(s.path());
        } else if (step instanceof Step.Ls l) {
            ls(l.path());
        } else if (step instanceof Step.Rename r) {
            p.rename(r.from(), r.to());
        } else if (step instanceof Step.Fsync f) {
            fsync(f.path());
        } else if (step instanceof Step.Sync) {
            p.sync();
        } else if (step instanceof Step.DropCaches d) {
            machine.kernel().dropCaches(d.level());
        } else if (step instanceof Step.Set s) {
            s.tunable().applyTo(machine);
        } else if (step instanceof Step.Advance a) {
            machine.clock().advanceMillis(a.ms());
        } else if (step instanceof Step.Sleep s) {
            Thread.sleep(s.ms());
            machine.clock().advanceMillis(s.ms());
        } else {
            throw new AssertionError("no executor for " + step);
        }
    }

    /** lseek to the offset, then read() chunk by chunk, as {@code dd skip=... bs=chunk} does; stops at end of file. */
    private void read(Step.Read r) {
        int fd = p.open(r.path(), OpenFlags.O_RDONLY);
        try {
            p.lseek(fd, r.offset(), Seek.SEEK_SET);
            byte[] buf = new byte[(int) Math.min(r.chunk(), Math.max(1, r.length()))];
            for (long left = r.length(); left > 0; ) {
                int n = p.read(fd, buf, 0, (int) Math.min(buf.length, left));
                if (n == 0) {
                    break;
                }
                left -= n;
            }
        } catch (VfsException e) {
            closeAfterFailure(fd, e);
            throw e;
        }
        p.close(fd);
    }

    /** Opens (creating if needed, never truncating), lseeks, and write()s the pattern chunk by chunk. */
    private void write(Step.Write w) {
        int fd = p.open(w.path(), OpenFlags.O_CREAT | OpenFlags.O_WRONLY, FILE_MODE);
        try {
            p.lseek(fd, w.offset(), Seek.SEEK_SET);
            byte[] buf = new byte[(int) Math.min(w.chunk(), Math.max(1, w.length()))];
            long pos = w.offset();
            for (long left = w.length(); left > 0; ) {
                int len = (int) Math.min(buf.length, left);
                WritePattern.fill(buf, len, pos);
                int n = p.write(fd, ByteBuffer.wrap(buf, 0, len));
                if (n == 0) {
                    break; // a regular file never accepts nothing; do not spin if one did
                }
                pos += n;
                left -= n;
            }
        } catch (VfsException e) {
            closeAfterFailure(fd, e);
            throw e;
        }
        p.close(fd);
    }

    /** getdents until it returns nothing, as ls does. */
    private void ls(String path) {
        int fd = p.open(path, OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY);
        try {
            List<DirEntry> batch;
            do {
                batch = p.getdents(fd, DIRENTS_PER_CALL);
            } while (!batch.isEmpty());
        } catch (VfsException e) {
            closeAfterFailure(fd, e);
            throw e;
        }
        p.close(fd);
    }

    /** fsync needs only a descriptor, not write access: open read-only, as {@code sync FILE} does. */
    private void fsync(String path) {
        int fd = p.open(path, OpenFlags.O_RDONLY);
        try {
            p.fsync(fd);
        } catch (VfsException e) {
            closeAfterFailure(fd, e);
            throw e;
        }
        p.close(fd);
    }

    /** The step's own error is the one to report; a failing close only adds to it. */
    private void closeAfterFailure(int fd, VfsException failure) {
        try {
            p.close(fd);
        } catch (VfsException e) {
            failure.addSuppressed(e);
        }
    }
}
