package org.vfscope.app.cli.image;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.vfscope.vfs.Stat;

/**
 * The host half of {@code get}, on a thread of its own: files created and written, holes left,
 * symlinks made, modes and times set, in the order the exporter asks. Creating and writing host
 * files is most of an export's time (in the host kernel), so the image is read meanwhile, as
 * {@code tar | tar} overlaps its two ends. Memory is bounded: {@link #BUFFERS} data buffers go
 * round between the two threads, and at most {@link #QUEUED} requests wait. Host failures are
 * reported from this thread, one per file.
 */
final class LocalWriter implements AutoCloseable {
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};
    /** Zero runs this long or longer become holes in the copy. */
    static final int HOLE_GRANULE = 4096;
    static final int BUFFERS = 8;
    private static final int QUEUED = 256;

    private final Problems problems;
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
    private final BlockingQueue<Runnable> queue = new ArrayBlockingQueue<>(QUEUED);
    private final Thread thread;
    private static final Runnable END = () -> { };

    // The file being written; touched by the writer thread only.
    private FileChannel out;
    private Path outPath;
    private long outEnd;

    LocalWriter(Problems problems) {
        this.problems = problems;
        for (int i = 0; i < BUFFERS; i++) {
            free.add(new byte[CatCommand.CHUNK]);
        }
        thread = new Thread(this::run, "vfscope-export-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** A data buffer to fill and hand to {@link #write}; waits while all are in use. */
    byte[] buffer() {
        return take(free);
    }

    /** Gives back a buffer that was not written. */
    void release(byte[] buf) {
        free.add(buf);
    }

    /** Creates (or truncates) regular file {@code local}; whatever else is there is replaced. */
    void openFile(Path local) {
        submit(() -> {
            closeQuietly();
            try {
                if (Files.exists(local, NOFOLLOW) && !Files.isRegularFile(local, NOFOLLOW)) {
                    Files.delete(local);
                }
                out = FileChannel.open(local, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS);
                outPath = local;
                outEnd = 0;
            } catch (IOException e) {
                failed(local, e);
            }
        });
    }

    /** Bytes [0, n) of {@code buf} at {@code pos} of the open file, zero runs left as holes; the buffer goes back. */
    void write(byte[] buf, int n, long pos) {
        submit(() -> {
            try {
                if (out != null) {
                    for (ZeroRuns.Range r : ZeroRuns.dataRanges(buf, n, HOLE_GRANULE)) {
                        ByteBuffer data = ByteBuffer.wrap(buf, r.start(), r.end() - r.start());
                        long at = pos + r.start();
                        while (data.hasRemaining()) {
                            at += out.write(data, at);
                        }
                        outEnd = at;
                    }
                }
            } catch (IOException e) {
                failed(outPath, e);
            } finally {
                free.add(buf);
            }
        });
    }

    /** The open file gets its size (a hole at the end stays a hole), mode and times, and is closed. */
    void closeFile(Stat st) {
        submit(() -> {
            if (out == null) {
                return;
            }
            Path local = outPath;
            try {
                out.close();
                out = null;
                if (outEnd != st.size()) {
                    try (RandomAccessFile sized = new RandomAccessFile(local.toFile(), "rw")) {
                        sized.setLength(st.size());
                    }
                }
                setAttributes(local, st);
            } catch (IOException e) {
                failed(local, e);
            }
        });
    }

    /** The open file is closed as it is (its image side failed). */
    void abortFile() {
        submit(this::closeQuietly);
    }

    /** Symlink {@code local} to {@code target} (whatever is there is replaced), with the times of {@code st}. */
    void symlink(Path local, Path target, Stat st) {
        submit(() -> {
            try {
                Files.deleteIfExists(local);
                Files.createSymbolicLink(local, target);
                setTimes(local, st);
            } catch (IOException e) {
                failed(local, e);
            }
        });
    }

    /** Mode and times of {@code local} (a directory, after its contents). */
    void attributes(Path local, Stat st) {
        submit(() -> {
            try {
                setAttributes(local, st);
            } catch (IOException e) {
                failed(local, e);
            }
        });
    }

    /** Waits until every request is done. */
    @Override
    public void close() {
        submit(END);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (true) {
            Runnable task = take(queue);
            if (task == END) {
                closeQuietly();
                return;
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                problems.report(Failures.cannot("write", String.valueOf(outPath), new IOException(e.toString(), e)));
            }
        }
    }

    private void submit(Runnable task) {
        try {
            queue.put(task);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static <T> T take(BlockingQueue<T> q) {
        try {
            return q.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void failed(Path local, IOException e) {
        closeQuietly();
        problems.report(Failures.cannot("write", String.valueOf(local), e));
    }

    private void closeQuietly() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                // the file already failed or is being replaced
            }
            out = null;
        }
    }

    /** Mode (permissions with setuid, setgid, sticky) and times. */
    static void setAttributes(Path local, Stat st) throws IOException {
        Files.setAttribute(local, "unix:mode", st.permissions(), NOFOLLOW);
        setTimes(local, st);
    }

    static void setTimes(Path local, Stat st) throws IOException {
        Files.getFileAttributeView(local, BasicFileAttributeView.class, NOFOLLOW)
                .setTimes(FileTime.from(st.mtime()), FileTime.from(st.atime()), null);
    }
}
