package org.vfscope.trace;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Writes a recording: JSON Lines, written as it goes (nothing is held back in memory). The first
 * line is a {@link RecordingHeader}; after it come keyframe snapshots and events, one per line:
 *
 * <pre>
 * {"kind":"header","header":{...}}
 * {"kind":"snapshot","time":T,"eventSeq":E,"snapshot":{...}}
 * {"kind":"event","seq":S,"time":T,"event":{"type":"d_lookup",...}}
 * </pre>
 *
 * The small fields come first so an index pass reads a line's head and skips the rest. Once the
 * file reaches its size limit, further lines are refused ({@link #isFull()}), so a forgotten
 * recording cannot fill the disk. Thread-safe.
 */
public final class TraceRecorder implements Closeable {
    /** 512 MiB: some minutes of a busy engine with keyframes every second. */
    public static final long DEFAULT_MAX_BYTES = 512L << 20;

    private final CountingStream counted;
    private final JsonGenerator json;
    private final ObjectWriter events;
    private final long maxBytes;
    private long keyframes;
    private long eventCount;
    private boolean full;

    public TraceRecorder(OutputStream out, RecordingHeader header, long maxBytes) throws IOException {
        ObjectMapper mapper = TraceJson.mapper();
        this.counted = new CountingStream(new BufferedOutputStream(Objects.requireNonNull(out, "out"), 1 << 16));
        this.json = mapper.getFactory().createGenerator(counted, JsonEncoding.UTF8);
        json.setCodec(mapper);
        this.events = mapper.writerFor(TraceEvent.class);
        this.maxBytes = maxBytes;
        json.writeStartObject();
        json.writeStringField("kind", "header");
        json.writeObjectField("header", header);
        endLine();
    }

    /** A recorder writing a new file (replacing any) at {@code path}. */
    public static TraceRecorder create(Path path, RecordingHeader header, long maxBytes) throws IOException {
        return new TraceRecorder(Files.newOutputStream(path), header, maxBytes);
    }

    /** Appends a keyframe; false when the file is full and it was not written. */
    public synchronized boolean snapshot(EngineSnapshot s) throws IOException {
        if (full) {
            return false;
        }
        json.writeStartObject();
        json.writeStringField("kind", "snapshot");
        json.writeNumberField("time", s.timeNanos());
        json.writeNumberField("eventSeq", s.eventSeq());
        json.writeObjectField("snapshot", s);
        endLine();
        // To the file at each keyframe: a session killed with Ctrl+C still replays up to here.
        counted.flush();
        keyframes++;
        return true;
    }

    /** Appends an event; false when the file is full and it was not written. */
    public synchronized boolean event(SequencedEvent e) throws IOException {
        if (full) {
            return false;
        }
        json.writeStartObject();
        json.writeStringField("kind", "event");
        json.writeNumberField("seq", e.seq());
        json.writeNumberField("time", e.event().timeNanos());
        json.writeFieldName("event");
        events.writeValue(json, e.event());
        endLine();
        eventCount++;
        return true;
    }

    private void endLine() throws IOException {
        json.writeEndObject();
        json.flush();
        counted.write('\n');
        if (counted.count >= maxBytes) {
            full = true;
        }
    }

    /** Whether the size limit was reached: nothing more is written. */
    public synchronized boolean isFull() {
        return full;
    }

    public synchronized long keyframes() {
        return keyframes;
    }

    public synchronized long events() {
        return eventCount;
    }

    public synchronized long bytesWritten() {
        return counted.count;
    }

    @Override
    public synchronized void close() throws IOException {
        json.close();
        counted.close();
    }

    /** Counts the bytes that pass, for the size limit. */
    private static final class CountingStream extends FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
