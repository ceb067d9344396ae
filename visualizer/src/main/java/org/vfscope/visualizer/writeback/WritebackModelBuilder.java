package org.vfscope.visualizer.writeback;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.vfscope.trace.BlockIo;
import org.vfscope.trace.ChunkedList;
import org.vfscope.trace.EngineSnapshot;
import org.vfscope.trace.InodeInfo;
import org.vfscope.trace.InodeIoList;
import org.vfscope.trace.ThrottlePause;
import org.vfscope.trace.TraceEvent;
import org.vfscope.trace.WritebackSingleInode;
import org.vfscope.trace.WritebackSnapshot;
import org.vfscope.vfs.icache.InodeState;
import org.vfscope.visualizer.Frame;
import org.vfscope.visualizer.InodeKey;

/**
 * Builds {@link WritebackModel}s, keeping the last minute of samples and events between frames.
 * Feed thread.
 */
public final class WritebackModelBuilder {
    private static final long THROUGHPUT_WINDOW = 5_000_000_000L;

    private final Deque<WritebackSample> samples = new ArrayDeque<>();
    private final Deque<ThrottlePause> pauses = new ArrayDeque<>();
    private final Deque<WritebackSingleInode> writes = new ArrayDeque<>();
    private final Map<InodeKey, Long> writtenThisRound = new HashMap<>();
    private volatile long kupdateIntervalNanos = 5_000_000_000L;
    private long lastKupdate = -1;
    private long pauseCount;
    private long pausedNanos;
    private long writeErrors;
    private boolean eventsSeen;
    /** The inodes with something to write in the last inode list seen; the very same list reuses them. */
    private List<InodeInfo> lastInodes;
    private List<InodeInfo> lastBusy = List.of();
    /**
     * Per chunk of the last inode list, by the chunk's identity: the offsets of its inodes with
     * something to write. A chunk no change touched is the same object in the next snapshot, so
     * a frame scans only the new chunks, not every cached inode.
     */
    private Map<Object, int[]> busyByChunk = new IdentityHashMap<>();
    private final boolean incremental;

    public WritebackModelBuilder() {
        this(true);
    }

    /** With {@code incremental} false every changed inode list is scanned whole (what tests compare against). */
    WritebackModelBuilder(boolean incremental) {
        this.incremental = incremental;
    }

    /** The flusher's period (dirty_writeback_centisecs), to say when the next kupdate pass comes. */
    public void setKupdateIntervalNanos(long nanos) {
        kupdateIntervalNanos = nanos;
    }

    public WritebackModel build(Frame frame) {
        EngineSnapshot s = frame.snapshot();
        long now = s.timeNanos();
        for (TraceEvent e : frame.events()) {
            eventsSeen = true;
            if (e instanceof WritebackSingleInode w) {
                writes.addLast(w);
                writtenThisRound.merge(new InodeKey(w.dev(), w.ino()), w.pagesWritten(), Long::sum);
                if (w.reason() == WritebackSingleInode.Reason.KUPDATE) {
                    lastKupdate = Math.max(lastKupdate, w.timeNanos());
                }
            } else if (e instanceof ThrottlePause p) {
                pauses.addLast(p);
                pauseCount++;
                pausedNanos += p.pauseNanos();
            } else if (e instanceof BlockIo b && b.write() && b.failed()) {
                writeErrors++;
            }
        }
        long dirty = 0;
        long writeback = 0;
        long bg = 0;
        long thresh = 0;
        for (WritebackSnapshot wb : s.writeback()) {
            dirty += wb.dirtyPages();
            writeback += wb.writebackPages();
            bg = Math.max(bg, wb.backgroundThreshPages());
            thresh = Math.max(thresh, wb.dirtyThreshPages());
        }
        if (!samples.isEmpty() && samples.peekLast().timeNanos() > now) {
            samples.clear(); // a new source, or a trace played again from the start
        }
        samples.addLast(new WritebackSample(now, dirty, writeback));
        trim(now);

        List<InodeProgress> inodes = new ArrayList<>();
        Map<InodeKey, Long> stillQueued = new HashMap<>();
        if (s.icache().inodes() != lastInodes) {
            lastInodes = s.icache().inodes();
            lastBusy = busy(lastInodes);
        }
        for (InodeInfo i : lastBusy) {
            InodeKey k = new InodeKey(i.dev(), i.ino());
            long written = writtenThisRound.getOrDefault(k, 0L);
            stillQueued.put(k, written);
            inodes.add(new InodeProgress(i, frame.names().nameOf(i.dev(), i.ino()), written, i.dirtyPages()));
        }
        // An inode that is clean and off the lists has finished its round.
        writtenThisRound.keySet().retainAll(stillQueued.keySet());
        inodes.sort(Comparator.comparingInt((InodeProgress p) -> rank(p.inode()))
                .thenComparingLong(p -> p.inode().dirtiedWhen()));

        double throughput = -1;
        if (eventsSeen) {
            long pages = 0;
            for (WritebackSingleInode w : writes) {
                if (w.timeNanos() >= now - THROUGHPUT_WINDOW) {
                    pages += w.pagesWritten();
                }
            }
            throughput = pages / (THROUGHPUT_WINDOW / 1e9);
        }
        List<Long> pauseTimes = new ArrayList<>(pauses.size());
        for (ThrottlePause p : pauses) {
            pauseTimes.add(p.timeNanos());
        }
        return new WritebackModel(s.seq(), now, List.copyOf(samples), bg, thresh, lastKupdate, kupdateIntervalNanos,
                pauseTimes, pauseCount, pausedNanos, throughput, writeErrors, inodes, eventsSeen);
    }

    /** The inodes of {@code list} with something to write, in list order. */
    private List<InodeInfo> busy(List<InodeInfo> list) {
        List<InodeInfo> busy = new ArrayList<>();
        ChunkedList<InodeInfo> chunked = incremental ? ChunkedList.of(list) : null;
        if (chunked == null) {
            for (InodeInfo i : list) {
                if (isBusy(i)) {
                    busy.add(i);
                }
            }
            return busy;
        }
        Map<Object, int[]> next = new IdentityHashMap<>();
        for (int c = 0; c < chunked.chunkCount(); c++) {
            Object chunk = chunked.chunk(c);
            int[] offsets = busyByChunk.get(chunk);
            if (offsets == null) {
                offsets = busyOffsets(chunked, c);
            }
            next.put(chunk, offsets);
            for (int off : offsets) {
                busy.add(chunked.element(c, off)); // read afresh: a record may depend on its place
            }
        }
        busyByChunk = next; // the chunks that went are dropped with the old map
        return busy;
    }

    private static int[] busyOffsets(ChunkedList<InodeInfo> list, int c) {
        int n = list.chunkSize(c);
        int[] offsets = new int[n];
        int k = 0;
        for (int off = 0; off < n; off++) {
            if (isBusy(list.element(c, off))) {
                offsets[k++] = off;
            }
        }
        return Arrays.copyOf(offsets, k);
    }

    private static boolean isBusy(InodeInfo i) {
        return i.ioList() != InodeIoList.NONE || i.state().contains(InodeState.I_SYNC) || i.dirtyPages() > 0;
    }

    /** Inodes under I_SYNC first, then b_io, b_more_io, b_dirty, b_dirty_time, then the rest. */
    private static int rank(InodeInfo i) {
        if (i.state().contains(InodeState.I_SYNC)) {
            return 0;
        }
        return switch (i.ioList()) {
            case B_IO -> 1;
            case B_MORE_IO -> 2;
            case B_DIRTY -> 3;
            case B_DIRTY_TIME -> 4;
            case NONE -> 5;
        };
    }

    private void trim(long now) {
        long from = now - WritebackModel.WINDOW_NANOS;
        while (samples.size() > 1 && samples.peekFirst().timeNanos() < from) {
            samples.removeFirst();
        }
        while (!pauses.isEmpty() && pauses.peekFirst().timeNanos() < from) {
            pauses.removeFirst();
        }
        while (!writes.isEmpty() && writes.peekFirst().timeNanos() < now - THROUGHPUT_WINDOW) {
            writes.removeFirst();
        }
        while (samples.size() > 4096) {
            samples.removeFirst();
        }
    }
}
