package org.vfscope.visualizer.dentry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vfscope.visualizer.ViewTestSupport.onScreen;
import static org.vfscope.visualizer.ViewTestSupport.showNextFrame;

import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.vfscope.trace.DentryInfo;
import org.vfscope.trace.DentryLookup;
import org.vfscope.visualizer.Fixtures;
import org.vfscope.visualizer.Selection;
import org.vfscope.visualizer.SnapshotFeed;
import org.vfscope.visualizer.canvas.CellGrid;

@ExtendWith(ApplicationExtension.class)
class DentryCacheViewTest {
    private Fixtures.HandSource source;
    private SnapshotFeed feed;
    private DentryCacheView view;

    @Start
    void start(Stage stage) {
        source = new Fixtures.HandSource(Fixtures.snapshot(1, 0));
        feed = new SnapshotFeed(source);
        view = new DentryCacheView(feed);
        stage.setScene(new Scene(view, 1000, 700));
        stage.show();
        stage.requestFocus();
    }

    @Test
    void showsEveryDentryInTheTreeAndTheLruInOrder() {
        showNextFrame(feed, view);

        assertThat(view.model().rows()).hasSize(5);
        assertThat(view.model().lru()).extracting(DentryInfo::name).containsExactly("motd", "missing");
        assertThat(view.legend().labels()).contains("positive, in use", "negative, unused", "lookup hit",
                "lookup miss", "lookup negative hit");
    }

    @Test
    void hoveringTheLruHeadDescribesItAndClickingATreeRowSelectsThatDentry(FxRobot robot) {
        showNextFrame(feed, view);
        DentryCacheLayout l = WaitForAsyncUtils.waitForAsyncFx(5_000, view::cellLayout);
        CellGrid lru = l.lru();

        robot.moveTo(onScreen(view, lru.cellX(0) + lru.cell() / 2, lru.cellY(0) + lru.cell() / 2));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.getHoverText()).startsWith("/etc/motd\npositive, unused · count 0 · inode 3\non the LRU at 0 of 2");

        double rowOfMissing = l.treeTop() + 3.5 * l.rowHeight(); // /, data, etc, missing
        robot.clickOn(onScreen(view, 200, rowOfMissing));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.getSelection()).isInstanceOfSatisfying(Selection.Dentry.class, d -> {
            assertThat(d.path()).isEqualTo("/etc/missing");
            assertThat(d.dentry().state().isNegative()).isTrue();
        });
    }

    @Test
    void aNegativeLookupFlashesItsRow() {
        showNextFrame(feed, view);
        source.offer(new DentryLookup(1, 2, "missing", DentryLookup.Result.NEGATIVE_HIT));
        source.set(Fixtures.snapshot(2, 0));

        showNextFrame(feed, view);

        DentryInfo missing = view.model().lru().get(1);
        DentryInfo motd = view.model().lru().get(0);
        assertThat(WaitForAsyncUtils.waitForAsyncFx(5_000, () -> view.flashOn(missing)))
                .isEqualTo(DentryLookup.Result.NEGATIVE_HIT);
        assertThat(WaitForAsyncUtils.waitForAsyncFx(5_000, () -> view.flashOn(motd))).isNull();
    }
}
