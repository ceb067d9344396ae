package org.vfscope.visualizer.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vfscope.visualizer.ViewTestSupport.onScreen;
import static org.vfscope.visualizer.ViewTestSupport.showNextFrame;

import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.vfscope.visualizer.Fixtures;
import org.vfscope.visualizer.InodeKey;
import org.vfscope.visualizer.Palette;
import org.vfscope.visualizer.Selection;
import org.vfscope.visualizer.SnapshotFeed;
import org.vfscope.visualizer.Theme;
import org.vfscope.visualizer.canvas.CellGrid;

@ExtendWith(ApplicationExtension.class)
class PageCacheViewTest {
    private SnapshotFeed feed;
    private PageCacheView view;

    @Start
    void start(Stage stage) {
        feed = new SnapshotFeed(new Fixtures.HandSource(Fixtures.snapshot(1, 0)));
        view = new PageCacheView(feed);
        stage.setScene(new Scene(view, 1000, 700));
        stage.show();
        stage.requestFocus();
    }

    @Test
    void showsBothListsHeadToTailAndTheFileWithMostPagesInTheMap() {
        showNextFrame(feed, view);

        assertThat(view.model().active()).hasSize(1);
        assertThat(view.model().inactive()).hasSize(4);
        FilePages map = WaitForAsyncUtils.waitForAsyncFx(5_000, view::shownMapFile);
        assertThat(map.file()).isEqualTo(new InodeKey(1, 4));
        assertThat(view.legend().labels()).contains("dirty", "writeback", "referenced", "readahead mark", "/data",
                "/etc/motd");
    }

    @Test
    void hoveringACellTellsWhichPageItIsAndClickingSelectsIt(FxRobot robot) {
        showNextFrame(feed, view);
        PageCacheLayout l = WaitForAsyncUtils.waitForAsyncFx(5_000, view::cellLayout);
        CellGrid inactive = l.inactive();

        robot.moveTo(onScreen(view, inactive.cellX(1) + inactive.cell() / 2, l.top() + inactive.cellY(1) + inactive.cell() / 2));
        robot.clickOn(onScreen(view, inactive.cellX(1) + inactive.cell() / 2, l.top() + inactive.cellY(1) + inactive.cell() / 2));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(view.getHoverText()).startsWith("/data (ino 4)\npage 0, file offset 0 B\ninactive list, position 1 of 4");
        assertThat(view.getSelection()).isInstanceOfSatisfying(Selection.Page.class, p -> {
            assertThat(p.page().ino()).isEqualTo(4);
            assertThat(p.page().index()).isZero();
            assertThat(p.path()).isEqualTo("/data");
        });
    }

    @Test
    void aDirtyPageCarriesItsCornerMarkOnItsFilesColour() {
        showNextFrame(feed, view);
        PageCacheLayout l = WaitForAsyncUtils.waitForAsyncFx(5_000, view::cellLayout);
        CellGrid g = l.inactive();
        int s = (int) g.cell();
        int x = (int) g.cellX(0);
        int y = (int) (l.top() + g.cellY(0));

        Image shot = WaitForAsyncUtils.waitForAsyncFx(5_000, () -> view.snapshot(null, null));
        Color fileColor = Palette.FILE_COLORS.get(view.model().files().get(new InodeKey(1, 4)).color());

        assertClose(shot.getPixelReader().getColor(x + 2, y + s - 2), fileColor);
        assertClose(shot.getPixelReader().getColor(x + s - 2, y + 2), Palette.inkOn(fileColor));
    }

    @Test
    void theDarkThemePaintsADarkBackground(FxRobot robot) {
        showNextFrame(feed, view);
        robot.interact(() -> view.setTheme(Theme.DARK));
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.sleep(100, java.util.concurrent.TimeUnit.MILLISECONDS);

        Image shot = WaitForAsyncUtils.waitForAsyncFx(5_000, () -> view.snapshot(null, null));

        assertClose(shot.getPixelReader().getColor(990, 400), Theme.DARK.background());
    }

    private static void assertClose(Color actual, Color expected) {
        assertThat(Math.abs(actual.getRed() - expected.getRed()) + Math.abs(actual.getGreen() - expected.getGreen())
                + Math.abs(actual.getBlue() - expected.getBlue())).as(actual + " vs " + expected).isLessThan(0.06);
    }
}
