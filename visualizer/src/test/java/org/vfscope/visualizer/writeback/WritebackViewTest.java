package org.vfscope.visualizer.writeback;

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
import org.vfscope.trace.WritebackSingleInode;
import org.vfscope.visualizer.Fixtures;
import org.vfscope.visualizer.Selection;
import org.vfscope.visualizer.SnapshotFeed;

@ExtendWith(ApplicationExtension.class)
class WritebackViewTest {
    private Fixtures.HandSource source;
    private SnapshotFeed feed;
    private WritebackView view;

    @Start
    void start(Stage stage) {
        source = new Fixtures.HandSource(Fixtures.snapshot(1, 10_000_000_000L));
        feed = new SnapshotFeed(source);
        view = new WritebackView(feed);
        stage.setScene(new Scene(view, 1200, 800));
        stage.show();
        stage.requestFocus();
    }

    @Test
    void chartsSamplesAndShowsEachInodeInWritebackWithItsProgress(FxRobot robot) {
        showNextFrame(feed, view);
        source.offer(new WritebackSingleInode(11_000_000_000L, 1, 4, 6, WritebackSingleInode.Reason.KUPDATE));
        source.set(Fixtures.snapshot(2, 12_000_000_000L));
        showNextFrame(feed, view);

        assertThat(view.model().samples()).hasSize(2);
        assertThat(view.model().inodes()).singleElement().satisfies(p -> assertThat(p.written()).isEqualTo(6));
        WritebackLayout l = WaitForAsyncUtils.waitForAsyncFx(5_000, view::chartLayout);

        robot.moveTo(onScreen(view, 100, l.rowY(0, 0) + l.rowHeight() / 2));
        robot.clickOn(onScreen(view, 100, l.rowY(0, 0) + l.rowHeight() / 2));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(view.getHoverText()).startsWith("/data (ino 4)\n6 pages written this round, 2 still dirty");
        assertThat(view.getSelection()).isInstanceOfSatisfying(Selection.Inode.class,
                i -> assertThat(i.inode().ino()).isEqualTo(4));
    }

    @Test
    void hoveringTheChartReadsTheSampleThere(FxRobot robot) {
        showNextFrame(feed, view);
        WritebackLayout l = WaitForAsyncUtils.waitForAsyncFx(5_000, view::chartLayout);

        robot.moveTo(onScreen(view, l.chartX() + l.chartW() - 3, l.chartY() + l.chartH() / 2));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(view.getHoverText()).contains("dirty 2 pages, under writeback 0")
                .contains("background threshold 100, throttle 200");
    }
}
