package org.vfscope.mm;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.vfscope.block.BlockDevice;

/**
 * A bio being built, as fs/mpage.c builds them: segments that move device bytes to or from page
 * buffers, in order. A segment that starts where the previous one ended on the device joins its
 * request, so a file laid out contiguously is read or written with one request per run instead
 * of one per page (the merging the block layer would do), up to {@link #MAX_BYTES} each.
 * Nothing is cached here: a bio lives for one readahead or one writeback batch.
 */
public final class Bio {
    /** BIO_MAX_VECS (256) pages: the most one request carries. */
    public static final int MAX_BYTES = 256 * Folio.PAGE_SIZE;

    /** {@code len} bytes of the device at {@code deviceOffset} <-> {@code buf[off, off + len)}. */
    public record Segment(long deviceOffset, byte[] buf, int off, int len) {
    }

    /** Each thread's bounce buffer for merged requests, allocated once (a few threads do I/O). */
    private static final ThreadLocal<byte[]> BOUNCE = ThreadLocal.withInitial(() -> new byte[MAX_BYTES]);

    private final List<Segment> segments = new ArrayList<>();

    public void add(long deviceOffset, byte[] buf, int off, int len) {
        if (len > 0) {
            segments.add(new Segment(deviceOffset, buf, off, len));
        }
    }

    public boolean isEmpty() {
        return segments.isEmpty();
    }

    public List<Segment> segments() {
        return segments;
    }

    /** Reads every segment from {@code dev}, one request per merged run. */
    public void submitRead(BlockDevice dev) {
        submit(dev, false);
    }

    /** Writes every segment to {@code dev}, one request per merged run. */
    public void submitWrite(BlockDevice dev) {
        submit(dev, true);
    }

    private void submit(BlockDevice dev, boolean write) {
        int i = 0;
        while (i < segments.size()) {
            Segment first = segments.get(i);
            int j = i + 1;
            long end = first.deviceOffset() + first.len();
            int bytes = first.len();
            while (j < segments.size() && segments.get(j).deviceOffset() == end
                    && bytes + segments.get(j).len() <= MAX_BYTES) {
                end += segments.get(j).len();
                bytes += segments.get(j).len();
                j++;
            }
            if (j == i + 1) {
                ByteBuffer b = ByteBuffer.wrap(first.buf(), first.off(), first.len());
                if (write) {
                    dev.write(first.deviceOffset(), b);
                } else {
                    dev.read(first.deviceOffset(), b);
                }
            } else {
                merged(dev, write, i, j, bytes);
            }
            i = j;
        }
    }

    /** Segments [from, to) as one request through a bounce buffer. */
    private void merged(BlockDevice dev, boolean write, int from, int to, int bytes) {
        byte[] bounce = BOUNCE.get();
        if (write) {
            int at = 0;
            for (int k = from; k < to; k++) {
                Segment s = segments.get(k);
                System.arraycopy(s.buf(), s.off(), bounce, at, s.len());
                at += s.len();
            }
            dev.write(segments.get(from).deviceOffset(), ByteBuffer.wrap(bounce, 0, bytes));
        } else {
            dev.read(segments.get(from).deviceOffset(), ByteBuffer.wrap(bounce, 0, bytes));
            int at = 0;
            for (int k = from; k < to; k++) {
                Segment s = segments.get(k);
                System.arraycopy(bounce, at, s.buf(), s.off(), s.len());
                at += s.len();
            }
        }
    }
}
