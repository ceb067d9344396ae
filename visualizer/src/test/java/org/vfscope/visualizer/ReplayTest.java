package org.vfscope.visualizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.vfscope.sys.Process;
import org.vfscope.trace.DentryLookup;
import org.vfscope.trace.LiveSnapshotSource;
import org.vfscope.trace.RecordedSnapshotSource;
import org.vfscope.trace.RecordingHeader;
import org.vfscope.trace.RecordingSnapshotSource;
import org.vfscope.trace.TraceRecorder;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.KernelClock;
import org.vfscope.vfs.OpenFlags;
import org.vfscope.vfs.VfsException;
import org.vfscope.visualizer.block.BlockDevice;
import org.vfscope.visualizer.canvas.CanvasView;
import org.vfscope.visualizer.dentry.DentryKey;

/**
 * A live scenario recorded through the views' own feed, then replayed: the same view content at
 * the same kernel times, and the scrubber seeks, plays and steps.
 */
@ExtendWith(ApplicationExtension.class)
class ReplayTest {
    private static final int STEPS = 6;

    private Stage stage;
    private Path file;
    private RecordedSnapshotSource recording;

    /** What the five views show, as far as a frame decides it. */
    private record Content(long time, Object dcacheStats, Object lru, Object rows, Map<DentryKey, DentryLookup.Result> lookups, Object inodes,
                           Object active, Object inactive, long dirty) {
        static Content of(CacheViews v) {
            return new Content(v.inodes().model().timeNanos(), v.dentries().model().stats(), v.dentries().model().lru(),
                    v.dentries().model().rows(), v.dentries().model().lookups(), v.inodes().model().inodes(),
                    v.pages().model().active(), v.pages().model().inactive(), v.writeback().model().latest().dirty());
        }

        /** The part a snapshot decides: a frame that covers several steps flashes all their lookups. */
        Content snapshotPart() {
            return new Content(time, dcacheStats, lru, rows, null, inodes, active, inactive, dirty);
        }
    }

    @Start
    void start(Stage stage) throws IOException {
        this.stage = stage;
        file = Files.createTempFile("vfscope-replay", ".jsonl");
        stage.setScene(new Scene(new javafx.scene.layout.Pane(), 1400, 900));
        stage.show();
    }

    @AfterEach
    void cleanUp() throws IOException {
        if (recording != null) {
            recording.close();
        }
        Files.deleteIfExists(file);
    }

    private void show(CacheViews views) {
        // The test compares every view's model, the hidden tabs' too.
        views.views().forEach(v -> v.setBuildWhileHidden(true));
        WaitForAsyncUtils.asyncFx(() -> stage.getScene().setRoot(views));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Polls once and waits until every view has adopted what it built. */
    private static void frame(CacheViews views) {
        List<Object> shown = new ArrayList<>();
        for (CanvasView<?> v : views.views()) {
            shown.add(v.model());
        }
        assertThat(views.feed().pollOnce()).isNotNull();
        for (int i = 0; i < shown.size(); i++) {
            CanvasView<?> v = views.views().get(i);
            Object old = shown.get(i);
            ViewTestSupport.await(() -> v.model() != old);
        }
    }

    /** Records a scenario (a second apart: mkdir, a file written and read, a failed lookup) and what the views showed. */
    private List<Content> recordScenario() throws IOException {
        KernelClock.Manual clock = new KernelClock.Manual(Instant.parse("2025-01-01T00:00:00Z"));
        Kernel kernel = Kernel.boot(clock);
        kernel.setTraceLookups(true);
        Process p = Process.init(kernel);
        RecordingSnapshotSource source = new RecordingSnapshotSource(new LiveSnapshotSource(kernel, kernel.trace()),
                TraceRecorder.create(file, RecordingHeader.of(0, List.of()), TraceRecorder.DEFAULT_MAX_BYTES), 0);
        CacheViews live = new CacheViews(new SnapshotFeed(source), BlockDevice.of("none", 0, 4096));
        show(live);
        List<Content> seen = new ArrayList<>();
        for (int step = 0; step < STEPS; step++) {
            clock.advanceMillis(1000);
            p.mkdir("/d" + step, 0755);
            int fd = p.open("/d" + step + "/f", OpenFlags.O_CREAT | OpenFlags.O_RDWR, 0644);
            p.write(fd, new byte[4096 * (step + 1)]);
            p.lseek(fd, 0, org.vfscope.vfs.Seek.SEEK_SET);
            p.read(fd, ByteBuffer.allocate(4096));
            p.close(fd);
            try {
                p.stat("/d" + step + "/missing");
            } catch (VfsException expected) {
                // a negative lookup, which the dentry view flashes
            }
            if (step == 3) {
                kernel.sync();
            }
            frame(live);
            seen.add(Content.of(live));
        }
        source.close();
        return seen;
    }

    private CacheViews replayViews(AtomicLong wall) throws IOException {
        recording = RecordedSnapshotSource.open(file);
        Playback playback = new Playback();
        playback.setPaused(true);
        Replay replay = new Replay(recording, playback, wall::get);
        CacheViews views = new CacheViews(new SnapshotFeed(replay, playback), BlockDevice.of("none", 0, 4096));
        WaitForAsyncUtils.asyncFx(() -> views.useReplay(replay));
        WaitForAsyncUtils.waitForFxEvents();
        show(views);
        return views;
    }

    @Test
    void aRecordedScenarioReplaysWithTheSameContentAtTheSameTimes() throws IOException {
        List<Content> live = recordScenario();
        CacheViews views = replayViews(new AtomicLong());
        Replay replay = (Replay) sourceOf(views);

        for (Content c : live) {
            replay.seek(c.time());
            frame(views);
            assertThat(Content.of(views)).isEqualTo(c);
        }
        assertThat(live.get(STEPS - 1).lookups()).as("lookups were flashed live").isNotEmpty();
    }

    @Test
    void seekingWithTheSliderShowsThatSnapshotsCounts(FxRobot robot) throws IOException {
        List<Content> live = recordScenario();
        CacheViews views = replayViews(new AtomicLong());
        TimelineScrubber scrubber = views.scrubber();
        Replay replay = (Replay) sourceOf(views);

        Content third = live.get(2);
        robot.interact(() -> scrubber.slider().setValue((third.time() - replay.start()) / 1e9));
        frame(views);

        assertThat(views.dentries().model().stats()).isEqualTo(third.dcacheStats());
        assertThat(views.pages().model().inactive()).isEqualTo(third.inactive());
        assertThat(robot.lookup("#timeline-time").queryLabeled().getText()).startsWith("0:02.0 / 0:05.0");
    }

    @Test
    void playAdvancesWithWallTimeAndSpeed(FxRobot robot) throws IOException {
        List<Content> live = recordScenario();
        AtomicLong wall = new AtomicLong();
        CacheViews views = replayViews(wall);
        Replay replay = (Replay) sourceOf(views);
        frame(views); // paused, the replay shows its first keyframe
        robot.clickOn("#timeline-play");
        assertThat(views.feed().playback().isPaused()).isFalse();
        assertThat(robot.lookup("#timeline-play").queryButton().getText()).isEqualTo("Pause");

        views.feed().pollOnce(); // the clock starts
        robot.interact(() -> views.feed().playback().setSpeed(2.0));
        views.feed().pollOnce();
        wall.addAndGet(1_000_000_000L); // one wall second at 2x: two seconds of the recording
        frame(views);

        assertThat(replay.position()).isEqualTo(live.get(2).time());
        assertThat(Content.of(views).snapshotPart()).isEqualTo(live.get(2).snapshotPart());
        assertThat(views.dentries().model().lookups()).as("the lookups of both steps played")
                .containsAllEntriesOf(live.get(1).lookups()).containsAllEntriesOf(live.get(2).lookups());
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> views.scrubber().refresh());
        assertThat(views.scrubber().slider().getValue()).isEqualTo(2.0);

        wall.addAndGet(60_000_000_000L); // past the end: stops there
        frame(views);
        assertThat(views.feed().playback().isPaused()).isTrue();
        assertThat(Content.of(views).snapshotPart()).isEqualTo(live.get(STEPS - 1).snapshotPart());
    }

    @Test
    void stepMovesOneKeyframeEachWay(FxRobot robot) throws IOException {
        List<Content> live = recordScenario();
        CacheViews views = replayViews(new AtomicLong());
        frame(views);
        assertThat(Content.of(views).time()).isEqualTo(live.get(0).time());

        robot.clickOn("#timeline-step");
        frame(views);
        assertThat(Content.of(views)).isEqualTo(live.get(1));
        robot.clickOn("#timeline-step");
        frame(views);
        assertThat(Content.of(views)).isEqualTo(live.get(2));

        robot.clickOn("#timeline-back");
        frame(views);
        assertThat(Content.of(views)).isEqualTo(live.get(1));
        assertThat(robot.lookup("#timeline-time").queryLabeled().getText()).startsWith("0:01.0");
    }

    private static Object sourceOf(CacheViews views) {
        return views.scrubber() == null ? null : replayOf(views.scrubber());
    }

    private static Replay replayOf(TimelineScrubber s) {
        return s.replay();
    }
}
