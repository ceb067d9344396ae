package org.vfscope.visualizer;

import java.util.Objects;
import java.util.function.LongSupplier;
import org.vfscope.trace.EngineSnapshot;
import org.vfscope.trace.EventBatch;
import org.vfscope.trace.RecordedSnapshotSource;
import org.vfscope.trace.SnapshotSource;

/**
 * A recorded trace played back: the source the feed polls, which moves the recording's playhead
 * on by the wall time since the last poll times the {@link Playback} speed while playing, and
 * stops at the end. Seeking and stepping (to the next or previous keyframe) work while paused:
 * they let one frame through so the views show where the playhead went. Thread-safe.
 */
public final class Replay implements SnapshotSource {
    private final RecordedSnapshotSource recording;
    private final Playback playback;
    private final LongSupplier wallClock;
    /** Wall time of the last poll while playing; -1 after a pause, a seek or a speed change. */
    private long lastWall = -1;

    public Replay(RecordedSnapshotSource recording, Playback playback) {
        this(recording, playback, System::nanoTime);
    }

    /** With the wall clock given, so tests can move time. */
    public Replay(RecordedSnapshotSource recording, Playback playback, LongSupplier wallClock) {
        this.recording = Objects.requireNonNull(recording, "recording");
        this.playback = Objects.requireNonNull(playback, "playback");
        this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
        playback.addListener(this::restartClock);
        if (playback.isPaused()) {
            playback.step(); // a paused replay still shows where its playhead is
        }
    }

    public RecordedSnapshotSource recording() {
        return recording;
    }

    public Playback playback() {
        return playback;
    }

    @Override
    public synchronized EngineSnapshot latest() {
        long now = wallClock.getAsLong();
        if (!playback.isPaused()) {
            if (lastWall >= 0) {
                recording.advance((long) ((now - lastWall) * playback.speed()));
            }
            lastWall = now;
            if (recording.atEnd()) {
                lastWall = -1;
                playback.setPaused(true);
            }
        }
        return recording.latest();
    }

    @Override
    public EventBatch eventsSince(long seq) {
        return recording.eventsSince(seq);
    }

    /** Kernel time of the playhead. */
    public long position() {
        return recording.playhead();
    }

    public long start() {
        return recording.startNanos();
    }

    public long end() {
        return recording.endNanos();
    }

    /** Plays from the playhead, or from the start when at the end. */
    public void play() {
        if (recording.atEnd()) {
            recording.seek(recording.startNanos());
        }
        playback.setPaused(false);
    }

    public void pause() {
        playback.setPaused(true);
    }

    /** Moves the playhead to kernel time {@code t} (clamped to the recording). */
    public void seek(long t) {
        synchronized (this) {
            recording.seek(t);
            lastWall = -1;
        }
        if (playback.isPaused()) {
            playback.step();
        }
    }

    /** To the next keyframe; false at the last. */
    public boolean stepForward() {
        long t = recording.nextKeyframeAfter(recording.playhead());
        if (t < 0) {
            return false;
        }
        seek(t);
        return true;
    }

    /** To the keyframe before the one shown; false at the first. */
    public boolean stepBack() {
        long shown = recording.latest().timeNanos();
        long t = recording.previousKeyframeBefore(Math.min(shown, recording.playhead()));
        if (t < 0) {
            return false;
        }
        seek(t);
        return true;
    }

    private synchronized void restartClock() {
        lastWall = -1;
    }
}
