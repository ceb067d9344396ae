package org.vfscope.visualizer;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.vfscope.trace.CacheShrink;
import org.vfscope.visualizer.block.BlockDevice;

/** Views in hidden tabs skip building models and catch up with the latest frame when shown. */
@ExtendWith(ApplicationExtension.class)
class HiddenViewTest {
    private Fixtures.HandSource source;
    private CacheViews views;

    @Start
    void start(Stage stage) {
        source = new Fixtures.HandSource(Fixtures.snapshot(1, 0));
        views = new CacheViews(new SnapshotFeed(source), BlockDevice.of("none", 0, 4096));
        views.show(CacheViews.Kind.DENTRIES);
        stage.setScene(new Scene(views, 1000, 700));
        stage.show();
    }

    @Test
    void hiddenViewsSkipFramesAndTheShownOneCatchesUpWithTheLatest() {
        ViewTestSupport.await(() -> !views.pages().shownAtLastPulse() && !views.inodes().shownAtLastPulse());
        assertThat(views.dentries().shownAtLastPulse()).isTrue();
        long pagesBuilt = views.pages().modelsBuilt();
        long inodesBuilt = views.inodes().modelsBuilt();
        long writebackBuilt = views.writeback().modelsBuilt();
        long dentriesBuilt = views.dentries().modelsBuilt();

        source.set(Fixtures.snapshot(2, 0));
        source.offer(new CacheShrink(1, CacheShrink.Cache.PAGES, CacheShrink.Trigger.SHRINKER, 10, 4));
        views.feed().pollOnce();
        source.set(Fixtures.snapshot(3, 0));
        views.feed().pollOnce();

        assertThat(views.dentries().modelsBuilt()).as("the shown view builds each frame").isEqualTo(dentriesBuilt + 2);
        assertThat(views.pages().modelsBuilt()).as("hidden: skipped").isEqualTo(pagesBuilt);
        assertThat(views.inodes().modelsBuilt()).as("hidden: skipped").isEqualTo(inodesBuilt);
        assertThat(views.writeback().modelsBuilt()).as("a history is built while hidden")
                .isEqualTo(writebackBuilt + 2);

        WaitForAsyncUtils.asyncFx(() -> views.show(CacheViews.Kind.PAGES));
        ViewTestSupport.await(() -> views.pages().model().seq() == 3);
        assertThat(views.pages().modelsBuilt()).as("one catch-up build").isEqualTo(pagesBuilt + 1);
        assertThat(views.pages().model().reclaimedByEvents()).as("events of skipped frames still count").isEqualTo(4);
        assertThat(views.inodes().modelsBuilt()).as("still hidden").isEqualTo(inodesBuilt);
    }
}
