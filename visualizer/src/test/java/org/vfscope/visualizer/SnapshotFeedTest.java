package org.vfscope.visualizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vfscope.trace.DentryLookup;
import org.vfscope.trace.ThrottlePause;

class SnapshotFeedTest {

    @Test
    void eachFrameCarriesTheLatestSnapshotAndOnlyTheEventsSinceThePreviousFrame() {
        Fixtures.HandSource source = new Fixtures.HandSource(Fixtures.snapshot(0, 0));
        SnapshotFeed feed = new SnapshotFeed(source);
        List<Frame> frames = new ArrayList<>();
        feed.subscribe(frames::add);

        feed.pollOnce();
        source.offer(new DentryLookup(1, 2, "motd", DentryLookup.Result.HIT));
        source.offer(new ThrottlePause(2, 100));
        source.set(Fixtures.snapshot(1, 10));
        feed.pollOnce();
        feed.pollOnce();

        assertThat(frames).hasSize(3);
        assertThat(frames.get(0).events()).isEmpty();
        assertThat(frames.get(1).snapshot().seq()).isEqualTo(1);
        assertThat(frames.get(1).events()).hasSize(2);
        assertThat(frames.get(2).events()).isEmpty();
    }

    @Test
    void aPausedFeedDeliversNothingUntilStepped() {
        SnapshotFeed feed = new SnapshotFeed(new Fixtures.HandSource(Fixtures.snapshot(0, 0)));
        List<Frame> frames = new ArrayList<>();
        feed.subscribe(frames::add);
        feed.playback().setPaused(true);

        assertThat(feed.pollOnce()).isNull();
        feed.playback().step();
        assertThat(feed.pollOnce()).isNotNull();
        assertThat(frames).hasSize(1);
    }

    @Test
    void aLateSubscriberGetsTheLastFrameAtOnce() {
        SnapshotFeed feed = new SnapshotFeed(new Fixtures.HandSource(Fixtures.snapshot(5, 0)));
        feed.pollOnce();
        List<Frame> frames = new ArrayList<>();

        feed.subscribe(frames::add);

        assertThat(frames).singleElement().satisfies(f -> assertThat(f.snapshot().seq()).isEqualTo(5));
    }

    @Test
    void namesComeFromTheDcache() {
        Frame f = Frame.of(Fixtures.snapshot(0, 0));

        assertThat(f.names().pathOf(Fixtures.DEV, 3)).isEqualTo("/etc/motd");
        assertThat(f.names().nameOf(Fixtures.DEV, 5)).isEqualTo("inode 5");
        assertThat(f.names().path(f.names().dentry(1))).isEqualTo("/");
    }
}
