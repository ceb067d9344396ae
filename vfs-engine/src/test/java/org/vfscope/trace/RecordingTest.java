package org.vfscope.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfscope.sys.Process;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.KernelClock;
import org.vfscope.vfs.OpenFlags;
import org.vfscope.vfs.VfsException;

/** A live session recorded to a file replays the same snapshots and events at the same kernel times. */
class RecordingTest {
    @TempDir
    Path dir;

    /** What the reader of a live source saw, step by step. */
    private record Seen(EngineSnapshot snapshot, List<SequencedEvent> events) {
    }

    private static List<Seen> recordScenario(Path file, long keyframeIntervalNanos) throws IOException {
        KernelClock.Manual clock = new KernelClock.Manual(Instant.EPOCH);
        Kernel k = Kernel.boot(clock);
        k.setTraceLookups(true);
        Process p = Process.init(k);
        List<Seen> seen = new ArrayList<>();
        RecordingHeader header = RecordingHeader.of(keyframeIntervalNanos, List.of(new RecordingHeader.Device("sda",
                1 << 20, 4096)));
        try (RecordingSnapshotSource rec = new RecordingSnapshotSource(new LiveSnapshotSource(k, k.trace()),
                TraceRecorder.create(file, header, TraceRecorder.DEFAULT_MAX_BYTES), keyframeIntervalNanos)) {
            long next = -1;
            for (int step = 0; step < 8; step++) {
                clock.advanceMillis(100);
                p.mkdir("/d" + step, 0755);
                int fd = p.open("/d" + step + "/f", OpenFlags.O_CREAT | OpenFlags.O_WRONLY, 0644);
                p.write(fd, new byte[8192 * (step + 1)]);
                p.close(fd);
                try {
                    p.stat("/missing" + step);
                } catch (VfsException expected) {
                    // a negative dentry, and a lookup miss event
                }
                EngineSnapshot s = rec.latest();
                if (next < 0) {
                    next = s.eventSeq();
                }
                EventBatch b = rec.eventsSince(next);
                next = b.nextSeq();
                seen.add(new Seen(s, b.events()));
            }
        }
        return seen;
    }

    @Test
    void everyKeyframeReplaysAsRecordedAtItsTime() throws IOException {
        Path file = dir.resolve("t.jsonl");
        List<Seen> live = recordScenario(file, 0);

        try (RecordedSnapshotSource replay = RecordedSnapshotSource.open(file)) {
            assertThat(replay.keyframeCount()).isEqualTo(live.size());
            assertThat(replay.header().devices()).containsExactly(new RecordingHeader.Device("sda", 1 << 20, 4096));
            for (Seen s : live) {
                replay.seek(s.snapshot().timeNanos());
                assertThat(replay.latest()).isEqualTo(s.snapshot());
            }
        }
    }

    @Test
    void eventsReplayInOrderUpToThePlayhead() throws IOException {
        Path file = dir.resolve("t.jsonl");
        List<Seen> live = recordScenario(file, 0);
        List<SequencedEvent> all = new ArrayList<>();
        live.forEach(s -> all.addAll(s.events()));
        assertThat(all).hasSizeGreaterThan(RecordedSnapshotSource.EVENT_STRIDE); // the sparse index is used

        try (RecordedSnapshotSource replay = RecordedSnapshotSource.open(file)) {
            assertThat(replay.eventCount()).isEqualTo(all.size());
            List<SequencedEvent> got = new ArrayList<>();
            replay.seek(replay.startNanos());
            long next = replay.latest().eventSeq();
            for (long t = replay.startNanos(); t <= replay.endNanos(); t += 10_000_000L) {
                replay.seek(t);
                replay.latest();
                EventBatch b = replay.eventsSince(next);
                for (SequencedEvent e : b.events()) {
                    assertThat(e.event().timeNanos()).isLessThanOrEqualTo(t);
                    if (e.seq() >= next) {
                        got.add(e);
                    }
                }
                next = Math.max(next, b.nextSeq());
            }
            assertThat(got).isEqualTo(all.subList(all.size() - got.size(), all.size()));
            assertThat(got.get(got.size() - 1)).isEqualTo(all.get(all.size() - 1));
        }
    }

    @Test
    void aSeekGivesTheEventsTheLiveReaderGotWithThatKeyframe() throws IOException {
        Path file = dir.resolve("t.jsonl");
        List<Seen> live = recordScenario(file, 0);
        try (RecordedSnapshotSource replay = RecordedSnapshotSource.open(file)) {
            replay.seek(replay.endNanos());
            EventBatch atEnd = replay.eventsSince(0);
            EngineSnapshot third = live.get(2).snapshot();

            replay.seek(third.timeNanos());
            EventBatch back = replay.eventsSince(atEnd.nextSeq());

            assertThat(replay.latest()).isEqualTo(third);
            assertThat(back.events()).isNotEmpty().isEqualTo(live.get(2).events());
        }
    }

    @Test
    void keyframesAreTakenOnlyEveryInterval() throws IOException {
        Path file = dir.resolve("t.jsonl");
        List<Seen> live = recordScenario(file, 250_000_000L); // every 100 ms: one in three
        try (RecordedSnapshotSource replay = RecordedSnapshotSource.open(file)) {
            assertThat(replay.keyframeCount()).isEqualTo(3);
            replay.seek(live.get(4).snapshot().timeNanos());
            assertThat(replay.latest()).isEqualTo(live.get(3).snapshot());
        }
    }

    @Test
    void aRecordingCutShortReplaysUpToItsLastWholeLine() throws IOException {
        Path file = dir.resolve("t.jsonl");
        List<Seen> live = recordScenario(file, 0);
        byte[] all = Files.readAllBytes(file);
        String text = new String(all, StandardCharsets.UTF_8);
        int lastKeyframe = text.lastIndexOf("{\"kind\":\"snapshot\"");
        Files.write(file, java.util.Arrays.copyOf(all, lastKeyframe + 100)); // killed while writing it

        try (RecordedSnapshotSource replay = RecordedSnapshotSource.open(file)) {
            assertThat(replay.keyframeCount()).isEqualTo(live.size() - 1);
            replay.seek(replay.endNanos());
            assertThat(replay.latest()).isEqualTo(live.get(live.size() - 2).snapshot());
        }
    }

    @Test
    void aFullFileStopsTheRecording() throws IOException {
        Path file = dir.resolve("t.jsonl");
        Kernel k = Kernel.boot();
        TraceRecorder recorder = TraceRecorder.create(file, RecordingHeader.of(0, List.of()), 1);
        try (RecordingSnapshotSource rec = new RecordingSnapshotSource(new LiveSnapshotSource(k, k.trace()), recorder,
                0)) {
            rec.latest();
            assertThat(rec.stopped()).isTrue();
        }
        assertThat(Files.readAllLines(file)).hasSize(1); // the header only
    }

    @Test
    void aFileThatIsNotARecordingIsRefusedWithItsLine() throws IOException {
        Path file = dir.resolve("x.jsonl");
        Files.writeString(file, "{\"type\":\"d_lookup\"}\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> RecordedSnapshotSource.open(file)).isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("line 1").hasMessageContaining("not a VFScope recording");
        Files.writeString(file, "", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> RecordedSnapshotSource.open(file)).isInstanceOf(TraceFormatException.class);
    }
}
