package org.vfscope.block;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.VfsException;

/**
 * A copy-on-write overlay, like dm-snapshot: reads fall through to a base device, writes land in
 * chunks kept aside, so an image is never modified until {@link #commit()}. The chunks live in a
 * temporary file (created on the first write, deleted on close) and only an index of written
 * chunks is in memory, so memory grows with what was written, never with the image. Reads are
 * never copied into the overlay.
 *
 * <p>A write that covers part of a chunk copies the base chunk first. Concurrent reads run in
 * parallel; writes, commit and discard are exclusive. The overlay owns its base and closes it on
 * {@link #close()}; uncommitted writes are then lost, as with {@link #discard()}.
 */
public final class CowOverlay implements BlockDevice {
    public static final int DEFAULT_CHUNK_SIZE = 4096;
    private static final int COPY_BUFFER = 1 << 20;

    private final BlockDevice base;
    private final int chunkSize;
    private final Supplier<? extends BlockDevice> commitTarget;
    private final String name;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /** Chunk number on the device -> slot number in the overlay file; sorted so commit writes in order. */
    private final TreeMap<Long, Long> slots = new TreeMap<>();
    private Path overlayPath;
    private ReopeningChannel overlay;
    private long nextSlot;
    private boolean closed;

    /** An overlay over {@code base} whose commit writes into {@code base} itself (EROFS if read-only). */
    public CowOverlay(BlockDevice base) {
        this(base, DEFAULT_CHUNK_SIZE, null);
    }

    /**
     * @param chunkSize    copy-on-write granularity: a power of two from 512 bytes
     * @param commitTarget opens the device {@link #commit()} writes to, closed after the commit
     *                     (e.g. the image file opened read-write); {@code null} commits into {@code base}
     */
    public CowOverlay(BlockDevice base, int chunkSize, Supplier<? extends BlockDevice> commitTarget) {
        if (chunkSize < 512 || Integer.bitCount(chunkSize) != 1) {
            throw new VfsException(Errno.EINVAL, base.name(), "overlay chunk size " + chunkSize);
        }
        this.base = base;
        this.chunkSize = chunkSize;
        this.commitTarget = commitTarget;
        this.name = "overlay of " + base.name();
    }

    /**
     * The image opened the safe way: the file read-only underneath, and opened read-write only for
     * the duration of a {@link #commit()}.
     */
    public static CowOverlay open(Path image) {
        FileBlockDevice base = FileBlockDevice.open(image, false);
        return new CowOverlay(base, DEFAULT_CHUNK_SIZE,
                () -> FileBlockDevice.open(image, true, base.logicalBlockSize()));
    }

    public BlockDevice base() {
        return base;
    }

    public int chunkSize() {
        return chunkSize;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int logicalBlockSize() {
        return base.logicalBlockSize();
    }

    @Override
    public long size() {
        return base.size();
    }

    /** Always writable: writes go to the overlay, whatever the base is. */
    @Override
    public boolean isReadOnly() {
        return false;
    }

    @Override
    public void read(long offset, ByteBuffer dst) {
        DeviceRange.check(this, offset, dst.remaining());
        lock.readLock().lock();
        try {
            ensureOpen();
            readMerged(offset, dst);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void write(long offset, ByteBuffer src) {
        int length = src.remaining();
        DeviceRange.check(this, offset, length);
        lock.writeLock().lock();
        try {
            ensureOpen();
            long end = offset + length;
            for (long pos = offset; pos < end; ) {
                long chunk = pos / chunkSize;
                long chunkStart = chunk * chunkSize;
                int inChunk = (int) (pos - chunkStart);
                int n = (int) (Math.min(chunkStart + chunkLength(chunk), end) - pos);
                writeIntoChunk(chunk, inChunk, take(src, n));
                pos += n;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Nothing to do: writes are durable only through {@link #commit()} or {@link #saveAs}. */
    @Override
    public void flush() {
        lock.readLock().lock();
        try {
            ensureOpen();
        } finally {
            lock.readLock().unlock();
        }
    }

    public boolean isDirty() {
        lock.readLock().lock();
        try {
            return !slots.isEmpty();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Bytes held in the overlay, at chunk granularity. */
    public long dirtyBytes() {
        lock.readLock().lock();
        try {
            long bytes = 0;
            for (long chunk : slots.keySet()) {
                bytes += chunkLength(chunk);
            }
            return bytes;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Writes every overlay chunk to the commit target, flushes it, then empties the overlay. On an
     * error the overlay is kept, so the commit can be retried; the target may hold part of it.
     * EROFS when the target is read-only.
     */
    public void commit() {
        lock.writeLock().lock();
        try {
            ensureOpen();
            if (slots.isEmpty()) {
                return;
            }
            BlockDevice target = commitTarget == null ? base : commitTarget.get();
            try {
                if (target.isReadOnly()) {
                    throw new VfsException(Errno.EROFS, target.name(), "commit of " + name);
                }
                if (target.size() != size()) {
                    throw new VfsException(Errno.EIO, target.name(), "commit of " + name + ": size changed from "
                            + size() + " to " + target.size());
                }
                ByteBuffer buf = ByteBuffer.allocate(chunkSize);
                for (Map.Entry<Long, Long> e : slots.entrySet()) {
                    buf.clear().limit(chunkLength(e.getKey()));
                    overlay.readFully(slotOffset(e.getValue()), buf);
                    buf.flip();
                    target.write(e.getKey() * chunkSize, buf);
                }
                target.flush();
            } finally {
                if (target != base) {
                    target.close();
                }
            }
            dropOverlay();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Forgets every write since the last commit: reads see the base again. */
    public void discard() {
        lock.writeLock().lock();
        try {
            ensureOpen();
            dropOverlay();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** As {@link #saveAs(Path, LongConsumer)} without progress. */
    public void saveAs(Path target) {
        saveAs(target, done -> { });
    }

    /**
     * Writes base + overlay as a new image file, leaving the base and the overlay as they are.
     * All-zero chunks are left as holes. The file is written beside {@code target} and then moved
     * over it, so an existing {@code target} is replaced only by a complete image. Writes wait
     * until the copy is done.
     *
     * @param progress told the number of bytes copied so far, after each piece
     * @throws org.vfscope.vfs.VfsException ENOENT, EACCES or ENOSPC for the new file; EIO
     */
    public void saveAs(Path target, LongConsumer progress) {
        lock.readLock().lock();
        Path part = null;
        try {
            ensureOpen();
            Path dir = target.toAbsolutePath().getParent();
            // hidden until complete; created with the usual permissions, unlike a temporary file
            part = Files.createFile(dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".part"));
            try (FileChannel out = FileChannel.open(part, StandardOpenOption.WRITE, StandardOpenOption.SPARSE)) {
                byte[] buf = new byte[COPY_BUFFER];
                byte[] zeros = new byte[chunkSize];
                long size = size();
                for (long pos = 0; pos < size; ) {
                    int n = (int) Math.min(buf.length, size - pos);
                    readMerged(pos, ByteBuffer.wrap(buf, 0, n));
                    writeSkippingZeroChunks(out, pos, buf, n, zeros);
                    pos += n;
                    progress.accept(pos);
                }
                if (size > 0 && out.size() < size) {
                    out.write(ByteBuffer.allocate(1), size - 1); // sets the length, leaves the tail a hole
                }
                out.force(true);
            }
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            part = null;
        } catch (IOException e) {
            throw new VfsException(ReopeningChannel.errnoOf(e), target.toString(), "save as: " + e);
        } finally {
            deleteQuietly(part);
            lock.readLock().unlock();
        }
    }

    /** Drops the overlay (uncommitted writes are lost), deletes its file and closes the base. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            slots.clear();
            if (overlay != null) {
                overlay.close();
                deleteQuietly(overlayPath);
            }
            base.close();
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "CowOverlay[" + base + ", " + slots.size() + " chunks]";
    }

    /** Caller holds the lock (either mode). */
    private void readMerged(long offset, ByteBuffer dst) {
        long end = offset + dst.remaining();
        if (end == offset) {
            return;
        }
        long pos = offset;
        for (Map.Entry<Long, Long> e : slots.subMap(offset / chunkSize, true, (end - 1) / chunkSize, true).entrySet()) {
            long chunkStart = e.getKey() * chunkSize;
            long from = Math.max(chunkStart, offset);
            long to = Math.min(chunkStart + chunkSize, end);
            if (pos < from) {
                base.read(pos, take(dst, (int) (from - pos)));
            }
            overlay.readFully(slotOffset(e.getValue()) + (from - chunkStart), take(dst, (int) (to - from)));
            pos = to;
        }
        if (pos < end) {
            base.read(pos, take(dst, (int) (end - pos)));
        }
    }

    /** Caller holds the write lock. */
    private void writeIntoChunk(long chunk, int inChunk, ByteBuffer piece) {
        Long slot = slots.get(chunk);
        if (slot != null) {
            overlay.writeFully(slotOffset(slot) + inChunk, piece);
            return;
        }
        int length = chunkLength(chunk);
        ByteBuffer whole = piece;
        if (piece.remaining() != length) { // copy-on-write: the rest of the chunk comes from the base
            whole = ByteBuffer.allocate(length);
            base.read(chunk * chunkSize, whole);
            whole.position(inChunk);
            whole.put(piece);
            whole.clear();
        }
        long newSlot = nextSlot;
        overlayFile().writeFully(slotOffset(newSlot), whole);
        nextSlot++;
        slots.put(chunk, newSlot); // only once the data is there, so a failed write leaves no trace
    }

    private ReopeningChannel overlayFile() {
        if (overlay == null) {
            try {
                overlayPath = Files.createTempFile("vfscope-cow-", ".overlay");
            } catch (IOException e) {
                throw new VfsException(ReopeningChannel.errnoOf(e), name, "cannot create overlay file: " + e);
            }
            overlayPath.toFile().deleteOnExit(); // in case the workbench exits without closing
            overlay = ReopeningChannel.open(overlayPath, name, true);
        }
        return overlay;
    }

    private void dropOverlay() {
        slots.clear();
        nextSlot = 0;
        if (overlay != null) {
            overlay.truncate(0); // gives the disk space back
        }
    }

    private int chunkLength(long chunk) {
        return (int) Math.min(chunkSize, size() - chunk * chunkSize);
    }

    private long slotOffset(long slot) {
        return slot * chunkSize;
    }

    private void ensureOpen() {
        if (closed) {
            throw new VfsException(Errno.EIO, name, "device is closed");
        }
    }

    /** Writes the non-zero chunks of {@code buf[0, n)} at {@code pos}, one write per run of them. */
    private void writeSkippingZeroChunks(FileChannel out, long pos, byte[] buf, int n, byte[] zeros)
            throws IOException {
        int runStart = -1;
        for (int at = 0; at < n; at += chunkSize) {
            int len = Math.min(chunkSize, n - at);
            boolean zero = Arrays.mismatch(buf, at, at + len, zeros, 0, len) < 0;
            if (!zero && runStart < 0) {
                runStart = at;
            } else if (zero && runStart >= 0) {
                writeFully(out, pos, buf, runStart, at);
                runStart = -1;
            }
        }
        if (runStart >= 0) {
            writeFully(out, pos, buf, runStart, n);
        }
    }

    private static void writeFully(FileChannel out, long pos, byte[] buf, int from, int to) throws IOException {
        ByteBuffer run = ByteBuffer.wrap(buf, from, to - from);
        while (run.hasRemaining()) {
            out.write(run, pos + run.position());
        }
    }

    /** The next {@code n} bytes of {@code buf} as their own buffer; {@code buf} moves past them. */
    private static ByteBuffer take(ByteBuffer buf, int n) {
        ByteBuffer piece = buf.slice(buf.position(), n);
        buf.position(buf.position() + n);
        return piece;
    }

    private static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // a leftover temporary file is harmless
            }
        }
    }
}
