package org.vfscope.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SnapshotSource} that passes another through and records what passes: every event the
 * reader asks for, and a keyframe snapshot whenever {@code keyframeIntervalNanos} of kernel time
 * have gone by since the last one (0: every snapshot). The recording follows the reader's
 * cadence, so it costs the engine nothing the views did not already cost. A write error or a
 * full file stops the recording, once, with a warning; the source goes on serving its reader.
 */
public final class RecordingSnapshotSource implements SnapshotSource, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingSnapshotSource.class);

    private final SnapshotSource source;
    private final TraceRecorder recorder;
    private final long keyframeIntervalNanos;
    private long lastKeyframeTime = Long.MIN_VALUE;
    private long lastKeyframeSeq = -1;
    /** Events numbered below this are in the file. */
    private long recordedUpTo = -1;
    private boolean stopped;

    public RecordingSnapshotSource(SnapshotSource source, TraceRecorder recorder, long keyframeIntervalNanos) {
        this.source = Objects.requireNonNull(source, "source");
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.keyframeIntervalNanos = keyframeIntervalNanos;
    }

    @Override
    public synchronized EngineSnapshot latest() {
        EngineSnapshot s = source.latest();
        if (recordedUpTo < 0) {
            recordedUpTo = s.eventSeq();
        }
        boolean due = lastKeyframeTime == Long.MIN_VALUE || s.timeNanos() - lastKeyframeTime >= keyframeIntervalNanos;
        if (!stopped && due && s.seq() != lastKeyframeSeq) {
            write(() -> recorder.snapshot(s));
            lastKeyframeTime = s.timeNanos();
            lastKeyframeSeq = s.seq();
        }
        return s;
    }

    @Override
    public synchronized EventBatch eventsSince(long seq) {
        EventBatch batch = source.eventsSince(seq);
        for (SequencedEvent e : batch.events()) {
            if (stopped) {
                break;
            }
            if (e.seq() >= recordedUpTo) {
                write(() -> recorder.event(e));
                recordedUpTo = e.seq() + 1;
            }
        }
        return batch;
    }

    /** Whether recording has stopped (the file is full, or writing failed). */
    public synchronized boolean stopped() {
        return stopped;
    }

    public TraceRecorder recorder() {
        return recorder;
    }

    private interface Write {
        boolean run() throws IOException;
    }

    private void write(Write w) {
        try {
            if (!w.run()) {
                stopped = true;
                LOG.warn("the recording reached its size limit ({} bytes); recording stopped", recorder.bytesWritten());
            }
        } catch (IOException e) {
            stopped = true;
            LOG.warn("recording stopped: {}", e.getMessage());
        }
    }

    /** Closes the recording file. */
    @Override
    public synchronized void close() {
        try {
            recorder.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
