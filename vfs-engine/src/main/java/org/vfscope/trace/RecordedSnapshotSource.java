package org.vfscope.trace;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A {@link SnapshotSource} over a recording written by {@link TraceRecorder}, with a playhead on
 * the kernel clock: {@link #latest()} is the last keyframe at or before the playhead, and
 * {@link #eventsSince} gives the events up to it. Opening reads the file once to index it (where
 * each keyframe starts, and every {@value #EVENT_STRIDE}th event); keyframes and events are read
 * from the file when asked for, so a recording larger than the heap replays. Thread-safe.
 */
public final class RecordedSnapshotSource implements SnapshotSource, Closeable {
    static final int EVENT_STRIDE = 256;
    /** At most this many events in one batch: a frame after a long jump need not flash them all. */
    static final int MAX_BATCH = 50_000;
    private static final int HEAD_BYTES = 256;

    private final Path path;
    private final FileChannel file;
    private final ObjectMapper mapper = TraceJson.mapper();
    private final ObjectReader snapshotReader = mapper.readerFor(EngineSnapshot.class);
    private final ObjectReader eventReader = mapper.readerFor(TraceEvent.class);
    private final RecordingHeader header;
    private final LongList kfTime = new LongList();
    private final LongList kfOffset = new LongList();
    private final LongList kfLength = new LongList();
    private final LongList kfEventSeq = new LongList();
    private final LongList evSeq = new LongList();
    private final LongList evOffset = new LongList();
    private long events;
    private long start = Long.MAX_VALUE;
    private long end = Long.MIN_VALUE;
    private long endOfEvents;

    private long playhead;
    private boolean moved = true;
    private int cachedKeyframe = -1;
    private EngineSnapshot cached;

    private RecordedSnapshotSource(Path path) throws IOException {
        this.path = path;
        this.file = FileChannel.open(path, StandardOpenOption.READ);
        try {
            this.header = index();
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
        if (kfTime.size == 0) {
            file.close();
            throw new TraceFormatException(1, "the recording has no snapshot", null);
        }
        playhead = start;
    }

    /** Opens and indexes a recording; the playhead starts at its beginning. */
    public static RecordedSnapshotSource open(Path path) throws IOException {
        return new RecordedSnapshotSource(path);
    }

    public Path path() {
        return path;
    }

    public RecordingHeader header() {
        return header;
    }

    /** Kernel time of the first keyframe or event. */
    public long startNanos() {
        return start;
    }

    /** Kernel time of the last keyframe or event. */
    public long endNanos() {
        return end;
    }

    public int keyframeCount() {
        return kfTime.size;
    }

    public long eventCount() {
        return events;
    }

    /** The keyframes' kernel times, oldest first. */
    public long keyframeTime(int i) {
        return kfTime.get(i);
    }

    public synchronized long playhead() {
        return playhead;
    }

    /** Moves the playhead, clamped to the recording; the next events start from its keyframe. */
    public synchronized void seek(long timeNanos) {
        playhead = Math.max(start, Math.min(end, timeNanos));
        moved = true;
    }

    /** Moves the playhead on by {@code nanos} (playing), keeping the events flowing. */
    public synchronized void advance(long nanos) {
        playhead = Math.max(start, Math.min(end, playhead + nanos));
    }

    public synchronized boolean atEnd() {
        return playhead >= end;
    }

    /** The time of the first keyframe after {@code t}, or -1 when none is. */
    public long nextKeyframeAfter(long t) {
        int i = upperBound(kfTime, t);
        return i < kfTime.size ? kfTime.get(i) : -1;
    }

    /** The time of the last keyframe before {@code t}, or -1 when none is. */
    public long previousKeyframeBefore(long t) {
        int i = upperBound(kfTime, t - 1) - 1;
        return i >= 0 ? kfTime.get(i) : -1;
    }

    @Override
    public synchronized EngineSnapshot latest() {
        int k = keyframeIndexAt(playhead);
        if (k != cachedKeyframe) {
            cached = readKeyframe(k);
            cachedKeyframe = k;
        }
        return cached;
    }

    /**
     * Events numbered {@code seq} or later that happened at or before the playhead. After a seek
     * the batch restarts, whatever {@code seq}, with the events that led up to the keyframe shown
     * (those after the keyframe before it began), as a live reader polling at keyframe cadence
     * got them.
     */
    @Override
    public synchronized EventBatch eventsSince(long seq) {
        int k = keyframeIndexAt(playhead);
        long from = moved ? kfEventSeq.get(Math.max(0, k - 1)) : seq;
        moved = false;
        if (evSeq.size == 0) {
            return EventBatch.empty(from);
        }
        int chunk = Math.max(0, upperBound(evSeq, from) - 1);
        List<SequencedEvent> out = new ArrayList<>();
        long next = from;
        try {
            // Not closed: closing a channel's stream closes the channel.
            InputStream in = new BufferedInputStream(Channels.newInputStream(file.position(evOffset.get(chunk))),
                    1 << 16);
            long offset = evOffset.get(chunk);
            ByteArrayOutputStream line = new ByteArrayOutputStream(256);
            while (offset < endOfEvents && out.size() < MAX_BATCH) {
                int kf = Arrays.binarySearch(kfOffset.values, 0, kfOffset.size, offset);
                if (kf >= 0) {
                    long len = kfLength.get(kf);
                    in.skipNBytes(len);
                    offset += len;
                    continue;
                }
                line.reset();
                offset += readLine(in, line);
                if (line.size() == 0) {
                    break;
                }
                SequencedEvent e = parseEvent(line.toByteArray());
                if (e == null || e.seq() < from) {
                    continue;
                }
                if (e.event().timeNanos() > playhead) {
                    break;
                }
                out.add(e);
                next = e.seq() + 1;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + path + ": " + e.getMessage(), e);
        }
        return new EventBatch(out, next, 0);
    }

    @Override
    public synchronized void close() throws IOException {
        file.close();
    }

    private int keyframeIndexAt(long t) {
        return Math.max(0, upperBound(kfTime, t) - 1);
    }

    /** The first index whose value is greater than {@code v} (the values are ascending). */
    private static int upperBound(LongList list, long v) {
        int lo = 0;
        int hi = list.size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (list.values[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private EngineSnapshot readKeyframe(int k) {
        long len = kfLength.get(k);
        ByteBuffer buf = ByteBuffer.allocate((int) len);
        try {
            long pos = kfOffset.get(k);
            while (buf.hasRemaining()) {
                if (file.read(buf, pos + buf.position()) < 0) {
                    throw new TraceFormatException(0, "the recording ends inside a snapshot", null);
                }
            }
            try (JsonParser p = mapper.getFactory().createParser(buf.array())) {
                if (!toField(p, "snapshot")) {
                    throw new TraceFormatException(0, "a snapshot line without a snapshot", null);
                }
                p.nextToken();
                return snapshotReader.readValue(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + path + ": " + e.getMessage(), e);
        }
    }

    private SequencedEvent parseEvent(byte[] line) throws IOException {
        try (JsonParser p = mapper.getFactory().createParser(line)) {
            long seq = -1;
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "kind" -> {
                        if (!"event".equals(p.getText())) {
                            return null;
                        }
                    }
                    case "seq" -> seq = p.getLongValue();
                    case "event" -> {
                        return new SequencedEvent(seq, eventReader.readValue(p));
                    }
                    default -> p.skipChildren();
                }
            }
            return null;
        }
    }

    /** Advances {@code p} to the value of top-level field {@code name}; false if there is none. */
    private static boolean toField(JsonParser p, String name) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return false;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            if (p.currentName().equals(name)) {
                return true;
            }
            p.nextToken();
            p.skipChildren();
        }
        return false;
    }

    /** Reads through the next newline into {@code line} (without it); returns the bytes consumed. */
    private static long readLine(InputStream in, ByteArrayOutputStream line) throws IOException {
        long n = 0;
        for (int b = in.read(); b >= 0; b = in.read()) {
            n++;
            if (b == '\n') {
                return n;
            }
            line.write(b);
        }
        return n;
    }

    /** One pass over the file: the header, every keyframe's place and every EVENT_STRIDE-th event's. */
    private RecordingHeader index() throws IOException {
        RecordingHeader h = null;
        long lineNo = 0;
        long offset = 0;
        byte[] head = new byte[HEAD_BYTES];
        ByteArrayOutputStream headerLine = new ByteArrayOutputStream();
        InputStream in = new BufferedInputStream(Channels.newInputStream(file.position(0)), 1 << 20);
        {
            while (true) {
                long lineStart = offset;
                int headLen = 0;
                int b = -1;
                while ((b = in.read()) >= 0) {
                    offset++;
                    if (b == '\n') {
                        break;
                    }
                    if (headLen < HEAD_BYTES) {
                        head[headLen++] = (byte) b;
                    }
                    if (lineNo == 0) {
                        headerLine.write(b);
                    }
                }
                if (offset == lineStart || b < 0) {
                    break; // the end, or a last line cut short when the recorder was killed
                }
                lineNo++;
                if (lineNo == 1) {
                    h = readHeader(headerLine.toByteArray());
                    continue;
                }
                Head line = readHead(head, headLen, lineNo);
                if (line == null) {
                    continue; // a blank line
                }
                long length = offset - lineStart;
                switch (line.kind) {
                    case "snapshot" -> {
                        if (kfTime.size > 0 && line.time < kfTime.get(kfTime.size - 1)) {
                            throw new TraceFormatException(lineNo, "keyframes out of time order", null);
                        }
                        kfTime.add(line.time);
                        kfOffset.add(lineStart);
                        kfLength.add(length);
                        kfEventSeq.add(line.eventSeq);
                    }
                    case "event" -> {
                        if (events % EVENT_STRIDE == 0) {
                            evSeq.add(line.seq);
                            evOffset.add(lineStart);
                        }
                        events++;
                        endOfEvents = offset;
                    }
                    default -> {
                        continue; // a kind a newer recorder writes: skipped
                    }
                }
                start = Math.min(start, line.time);
                end = Math.max(end, line.time);
            }
        }
        if (h == null) {
            throw new TraceFormatException(1, "empty file, not a recording", null);
        }
        return h;
    }

    private RecordingHeader readHeader(byte[] line) throws IOException {
        try (JsonParser p = mapper.getFactory().createParser(line)) {
            if (!toField(p, "header")) {
                throw new TraceFormatException(1, "not a VFScope recording (no header)", null);
            }
            p.nextToken();
            RecordingHeader h = mapper.readValue(p, RecordingHeader.class);
            if (!RecordingHeader.FORMAT.equals(h.format())) {
                throw new TraceFormatException(1, "not a VFScope recording (format " + h.format() + ")", null);
            }
            if (h.version() > RecordingHeader.VERSION) {
                throw new TraceFormatException(1, "recording version " + h.version() + " is newer than this reader ("
                        + RecordingHeader.VERSION + ")", null);
            }
            return h;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new TraceFormatException(1, "not a VFScope recording: " + e.getOriginalMessage(), e);
        }
    }

    private record Head(String kind, long time, long seq, long eventSeq) {
    }

    /** The small fields at the start of a line; the payload after them is not read. */
    private Head readHead(byte[] head, int len, long lineNo) throws IOException {
        String kind = null;
        long time = 0;
        long seq = -1;
        long eventSeq = 0;
        try (JsonParser p = mapper.getFactory().createParser(head, 0, len)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return null;
            }
            if (t != JsonToken.START_OBJECT) {
                throw new TraceFormatException(lineNo, "a line that is not a JSON object", null);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (name.equals("snapshot") || name.equals("event")) {
                    break;
                }
                p.nextToken();
                switch (name) {
                    case "kind" -> kind = p.getText();
                    case "time" -> time = p.getLongValue();
                    case "seq" -> seq = p.getLongValue();
                    case "eventSeq" -> eventSeq = p.getLongValue();
                    default -> p.skipChildren();
                }
            }
        } catch (JsonEOFException e) {
            // The head ended inside the payload: every small field was before it.
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new TraceFormatException(lineNo, e.getOriginalMessage(), e);
        }
        if (kind == null) {
            throw new TraceFormatException(lineNo, "a line without a kind", null);
        }
        return new Head(kind, time, seq, eventSeq);
    }

    /** A growable array of longs: indexes of millions of entries without boxing. */
    private static final class LongList {
        long[] values = new long[64];
        int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        long get(int i) {
            return values[i];
        }
    }
}
