package org.vfscope.visualizer.block;

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
import org.vfscope.trace.BlockIo;
import org.vfscope.visualizer.Fixtures;
import org.vfscope.visualizer.Selection;
import org.vfscope.visualizer.SnapshotFeed;
import org.vfscope.visualizer.canvas.CellGrid;

@ExtendWith(ApplicationExtension.class)
class BlockIoViewTest {
    private Fixtures.HandSource source;
    private SnapshotFeed feed;
    private BlockIoView view;

    @Start
    void start(Stage stage) {
        source = new Fixtures.HandSource(Fixtures.snapshot(1, 0));
        feed = new SnapshotFeed(source);
        view = new BlockIoView(feed, new BlockDevice("sda", 256 * 4096, 4096, null,
                b -> b < 8 ? BlockKind.METADATA : BlockKind.FREE));
        stage.setScene(new Scene(view, 1000, 700));
        stage.show();
        stage.requestFocus();
    }

    @Test
    void aWriteFlashesItsBlockAndHoverAndClickNameTheBlock(FxRobot robot) {
        showNextFrame(feed, view);
        source.offer(new BlockIo(0, "sda", 3 * 4096, 4096, true, 150_000, -1, null));
        source.set(Fixtures.snapshot(2, 0));
        showNextFrame(feed, view);

        assertThat(view.model().totals().writes()).isEqualTo(1);
        assertThat(WaitForAsyncUtils.waitForAsyncFx(5_000, () -> view.flashOn(3))).isEqualTo(BlockIoView.IoFlash.WRITE);
        BlockIoLayout l = WaitForAsyncUtils.waitForAsyncFx(5_000, view::mapLayout);
        CellGrid map = l.map();
        double x = map.cellX(3) + map.cell() / 2;
        double y = l.mapTop() + map.cellY(3) + map.cell() / 2;

        robot.moveTo(onScreen(view, x, y));
        robot.clickOn(onScreen(view, x, y));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(view.getHoverText()).startsWith("sda block 3\nbytes 12,288–16,383\nmetadata");
        assertThat(view.getSelection()).isEqualTo(new Selection.Block("sda", 3, 4096, "metadata"));
    }
}
