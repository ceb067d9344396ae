package org.vfscope.block;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.VfsException;

/**
 * Positional I/O on a file, with errors as {@link VfsException}s. Why not a bare {@link
 * FileChannel}: interrupting any thread inside a channel operation closes the channel for every
 * thread (a cancelled workbench task would take the image away), so this reopens the file and
 * lets the other threads carry on; only the interrupted request fails.
 */
final class ReopeningChannel {
    private interface Op {
        void run(FileChannel ch) throws IOException;
    }

    private final Path path;
    private final String name;
    private final boolean writable;
    private final Object lock = new Object();
    private volatile FileChannel channel;
    private volatile boolean closed;

    private ReopeningChannel(Path path, String name, boolean writable) {
        this.path = path;
        this.name = name;
        this.writable = writable;
        this.channel = openChannel();
    }

    /** Opens an existing file; ENOENT, EACCES, EISDIR or EIO when it cannot be opened. */
    static ReopeningChannel open(Path path, String name, boolean writable) {
        return new ReopeningChannel(path, name, writable);
    }

    private FileChannel openChannel() {
        try {
            return writable
                    ? FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)
                    : FileChannel.open(path, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new VfsException(errnoOf(e), path.toString(), e.getMessage());
        }
    }

    /** The errno the kernel would have returned for a failed file operation; EIO when unsure. */
    static Errno errnoOf(IOException e) {
        if (e instanceof NoSuchFileException) {
            return Errno.ENOENT;
        } else if (e instanceof AccessDeniedException) {
            return Errno.EACCES;
        } else if (String.valueOf(e.getMessage()).contains("No space left on device")) {
            return Errno.ENOSPC; // the page cache records ENOSPC apart from EIO (mapping_set_error)
        }
        return Errno.EIO;
    }

    /** Reads until {@code dst} is full; EIO if the file ends first. */
    void readFully(long pos, ByteBuffer dst) {
        int start = dst.position();
        run("read", pos, ch -> {
            while (dst.hasRemaining()) {
                long at = pos + (dst.position() - start);
                if (ch.read(dst, at) < 0) {
                    throw new VfsException(Errno.EIO, name, "short read at offset " + at + ": " + path.getFileName()
                            + " ends at " + ch.size() + " (truncated while open?)");
                }
            }
        });
    }

    void writeFully(long pos, ByteBuffer src) {
        int start = src.position();
        run("write", pos, ch -> {
            while (src.hasRemaining()) {
                ch.write(src, pos + (src.position() - start));
            }
        });
    }

    /** fdatasync: the file's data is durable; its size did not change, so metadata can wait. */
    void force() {
        run("flush", 0, ch -> ch.force(false));
    }

    long size() {
        long[] size = new long[1];
        run("size", 0, ch -> size[0] = ch.size());
        return size[0];
    }

    void truncate(long size) {
        run("truncate", size, ch -> ch.truncate(size));
    }

    boolean isClosed() {
        return closed;
    }

    /** Idempotent. Closing a FileChannel loses nothing: every write already went to the OS. */
    void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing buffered here to lose
            }
        }
    }

    private void run(String what, long pos, Op op) {
        while (true) {
            FileChannel ch = channel;
            if (closed) {
                throw new VfsException(Errno.EIO, name, what + " at offset " + pos + ": device is closed");
            }
            try {
                op.run(ch);
                return;
            } catch (ClosedByInterruptException e) {
                reopenAfter(ch);
                throw new VfsException(Errno.EIO, name, what + " at offset " + pos + " interrupted");
            } catch (ClosedChannelException e) {
                reopenAfter(ch); // another thread's interrupt closed the shared channel: try again
            } catch (IOException e) {
                throw new VfsException(errnoOf(e), name, what + " at offset " + pos + ": " + e.getMessage());
            }
        }
    }

    private void reopenAfter(FileChannel broken) {
        synchronized (lock) {
            if (!closed && channel == broken) {
                channel = openChannel();
            }
        }
    }
}
