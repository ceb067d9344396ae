package org.vfscope.visualizer.inode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vfscope.visualizer.ViewTestSupport.onScreen;
import static org.vfscope.visualizer.ViewTestSupport.showNextFrame;

import java.util.List;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.vfscope.vfs.icache.InodeState;
import org.vfscope.visualizer.Fixtures;
import org.vfscope.visualizer.Selection;
import org.vfscope.visualizer.SnapshotFeed;

@ExtendWith(ApplicationExtension.class)
class InodeCacheViewTest {
    private SnapshotFeed feed;
    private InodeCacheView view;

    @Start
    void start(Stage stage) {
        feed = new SnapshotFeed(new Fixtures.HandSource(Fixtures.snapshot(1, 3_000_000_000L)));
        view = new InodeCacheView(feed);
        stage.setScene(new Scene(view, 1500, 800));
        stage.show();
        stage.requestFocus();
    }

    @Test
    void hoveringAStateChipExplainsTheBitAndClickingTheRowSelectsTheInode(FxRobot robot) {
        showNextFrame(feed, view);
        assertThat(view.model().inodes()).hasSize(5);
        InodeCacheLayout l = WaitForAsyncUtils.waitForAsyncFx(5_000, view::cellLayout);
        double y = l.rowY(0, 0) + l.rowHeight() / 2;
        List<InodeState> state = List.copyOf(view.model().inodes().get(0).state());

        robot.moveTo(onScreen(view, InodeCacheLayout.chipX(state, 1) + 5, y));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.getHoverText()).startsWith("I_DIRTY_PAGES: the page cache holds dirty pages\n\n/data (ino 4");

        robot.clickOn(onScreen(view, 100, y));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.getSelection()).isInstanceOfSatisfying(Selection.Inode.class,
                i -> assertThat(i.inode().ino()).isEqualTo(4));
    }

    @Test
    void theInodeOnBDirtyIsAChipWithItsAge(FxRobot robot) {
        showNextFrame(feed, view);
        InodeCacheLayout l = WaitForAsyncUtils.waitForAsyncFx(5_000, view::cellLayout);

        robot.moveTo(onScreen(view, l.listChipX(0) + 20, l.listY(0) + 8));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(view.getHoverText()).contains("b_dirty, dirtied 2.0 s ago");
    }
}
