package org.vfscope.visualizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;

import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.vfscope.visualizer.CounterStrip.Counter;

@ExtendWith(ApplicationExtension.class)
class CounterStripTest {

    private CounterStrip strip;

    @Start
    void start(Stage stage) {
        strip = new CounterStrip();
        strip.setCounters(List.of(
                new Counter("dentries", 1204),
                new Counter("negative", 31),
                new Counter("dirty pages", 12)));
        stage.setScene(new Scene(new StackPane(strip), 600, 80));
        stage.show();
        stage.requestFocus();
    }

    @Test
    void paintsOneCellPerCounterWithItsNumber(FxRobot robot) {
        assertThat(strip.isVisible()).isTrue();
        assertThat(strip.getWidth()).isGreaterThan(0);
        assertThat(strip.getHeight()).isGreaterThan(0);

        Image shot = WaitForAsyncUtils.waitForAsyncFx(5_000, () -> strip.snapshot(null, null));

        assertThat(colorInsideCell(shot, 0)).satisfies(c -> assertClose(c, CounterStrip.CELL_FILL));
        assertThat(colorInsideCell(shot, 2)).satisfies(c -> assertClose(c, CounterStrip.CELL_FILL));
        assertThat(colorInsideCell(shot, 3)).satisfies(c -> assertClose(c, CounterStrip.BACKGROUND));
        assertThat(textPixelsInCell(shot, 0)).as("pixels of the label and value text").isGreaterThan(20);
    }

    @Test
    void emptyingTheCountersClearsTheStripOnTheNextPulse(FxRobot robot) {
        robot.interact(() -> strip.setCounters(List.of()));

        Image shot = WaitForAsyncUtils.waitForAsyncFx(5_000, () -> strip.snapshot(null, null));

        assertThat(colorInsideCell(shot, 0)).satisfies(c -> assertClose(c, CounterStrip.BACKGROUND));
        assertThat(textPixelsInCell(shot, 0)).isZero();
    }

    /** A point in cell {@code i} that text never covers: just above the bottom-right corner. */
    private Color colorInsideCell(Image shot, int i) {
        int x = (int) (cellLeft(i) + CounterStrip.CELL_WIDTH - 6);
        int y = (int) (strip.getInsets().getTop() + CounterStrip.CELL_HEIGHT - 4);
        return shot.getPixelReader().getColor(x, y);
    }

    private int textPixelsInCell(Image shot, int i) {
        int left = (int) cellLeft(i);
        int top = (int) strip.getInsets().getTop();
        int count = 0;
        for (int y = top + 4; y < top + CounterStrip.CELL_HEIGHT - 4; y++) {
            for (int x = left + 4; x < left + CounterStrip.CELL_WIDTH - 4; x++) {
                Color c = shot.getPixelReader().getColor(x, y);
                if (c.getBrightness() > CounterStrip.CELL_FILL.getBrightness() + 0.2) {
                    count++;
                }
            }
        }
        return count;
    }

    private double cellLeft(int i) {
        return strip.getInsets().getLeft() + i * (CounterStrip.CELL_WIDTH + CounterStrip.GAP);
    }

    private static void assertClose(Color actual, Color expected) {
        assertThat(actual.getRed()).isCloseTo(expected.getRed(), offset(0.02));
        assertThat(actual.getGreen()).isCloseTo(expected.getGreen(), offset(0.02));
        assertThat(actual.getBlue()).isCloseTo(expected.getBlue(), offset(0.02));
    }
}
