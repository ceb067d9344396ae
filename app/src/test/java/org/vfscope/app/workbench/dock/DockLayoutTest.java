package org.vfscope.app.workbench.dock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DockLayoutTest {
    private DockLayout layout;
    private final List<String> changes = new ArrayList<>();

    @BeforeEach
    void layout() {
        layout = new DockLayout();
        layout.register("explorer", DockSide.LEFT, true);
        layout.register("dentries", DockSide.BOTTOM, true);
        layout.register("pages", DockSide.BOTTOM, false);
        layout.register("events", DockSide.BOTTOM, true);
        layout.register("inspector", DockSide.RIGHT, true);
        layout.addListener(() -> changes.add("changed"));
    }

    @Test
    void windowsStartWhereTheyRegisteredAndTheFirstShownOneIsInFront() {
        assertThat(layout.shownOn(DockSide.BOTTOM)).containsExactly("dentries", "events");
        assertThat(layout.on(DockSide.BOTTOM)).containsExactly("dentries", "pages", "events");
        assertThat(layout.selected(DockSide.BOTTOM)).isEqualTo("dentries");
        assertThat(layout.selected(DockSide.LEFT)).isEqualTo("explorer");
    }

    @Test
    void altNumberShowsAHiddenWindowBringsABackTabToTheFrontAndHidesTheFrontOne() {
        assertThat(layout.activate("pages")).isTrue();
        assertThat(layout.isShown("pages")).isTrue();
        assertThat(layout.selected(DockSide.BOTTOM)).isEqualTo("pages");

        assertThat(layout.activate("events")).isTrue();
        assertThat(layout.selected(DockSide.BOTTOM)).isEqualTo("events");

        assertThat(layout.activate("events")).isFalse();
        assertThat(layout.isShown("events")).isFalse();
        assertThat(layout.selected(DockSide.BOTTOM)).as("another shown window comes to the front").isIn("dentries", "pages");
        assertThat(changes).isNotEmpty();
    }

    @Test
    void movingDocksAWindowLastOnTheOtherSideShownAndInFront() {
        layout.moveTo("pages", DockSide.RIGHT);

        assertThat(layout.shownOn(DockSide.RIGHT)).containsExactly("inspector", "pages");
        assertThat(layout.selected(DockSide.RIGHT)).isEqualTo("pages");
        assertThat(layout.on(DockSide.BOTTOM)).doesNotContain("pages");
    }

    @Test
    void aFloatingWindowLeavesItsAreaAndDocksBackWhereItCameFrom() {
        layout.setFloating("events");

        assertThat(layout.shownOn(DockSide.BOTTOM)).containsExactly("dentries");
        assertThat(layout.floatingShown()).containsExactly("events");
        assertThat(layout.activate("events")).as("Alt+number keeps a floating window shown").isTrue();
        assertThat(layout.isShown("events")).isTrue();

        layout.hide("events");
        assertThat(layout.floatingShown()).isEmpty();
        layout.show("events");
        assertThat(layout.floatingShown()).as("shown again, it floats again").containsExactly("events");

        layout.dock("events");
        assertThat(layout.floatingShown()).isEmpty();
        assertThat(layout.shownOn(DockSide.BOTTOM)).contains("events");
        assertThat(layout.selected(DockSide.BOTTOM)).isEqualTo("events");
    }

    @Test
    void anAreaWithNoShownWindowIsNotShown() {
        layout.hide("inspector");

        assertThat(layout.isAreaShown(DockSide.RIGHT)).isFalse();
        assertThat(layout.selected(DockSide.RIGHT)).isNull();
    }

    @Test
    void hideAllHidesEveryWindowAndTheSecondTimeBringsBackExactlyThose() {
        layout.toggleAll();
        assertThat(DockSide.values()).noneMatch(layout::isAreaShown);

        layout.toggleAll();
        assertThat(layout.shownOn(DockSide.BOTTOM)).containsExactly("dentries", "events");
        assertThat(layout.isShown("pages")).isFalse();
        assertThat(layout.isShown("explorer")).isTrue();
    }

    @Test
    void sizesOutsideASaneRangeAreIgnored() {
        layout.setSize(DockSide.BOTTOM, 0.5);
        layout.setSize(DockSide.BOTTOM, 0.0);
        layout.setSize(DockSide.BOTTOM, 1.0);

        assertThat(layout.size(DockSide.BOTTOM)).isEqualTo(0.5);
    }

    @Test
    void aRestoredStateMovesKnownWindowsKeepsNewOnesAtTheirDefaultsAndSkipsUnknownNames() {
        layout.moveTo("pages", DockSide.LEFT);
        layout.setFloating("events");
        layout.setFloatingBounds("events", 1, 2, 300, 400);
        layout.setSize(DockSide.LEFT, 0.3);
        DockLayout.State saved = layout.state();
        DockLayout.WindowState gone = new DockLayout.WindowState();
        gone.id = "removed-in-this-version";
        gone.side = "LEFT";
        saved.windows.add(0, gone);

        DockLayout next = new DockLayout();
        next.register("explorer", DockSide.LEFT, true);
        next.register("dentries", DockSide.BOTTOM, true);
        next.register("pages", DockSide.BOTTOM, false);
        next.register("events", DockSide.BOTTOM, true);
        next.register("inspector", DockSide.RIGHT, true);
        next.register("problems", DockSide.BOTTOM, true);
        next.restore(saved);

        assertThat(next.shownOn(DockSide.LEFT)).containsExactly("explorer", "pages");
        assertThat(next.selected(DockSide.LEFT)).isEqualTo("pages");
        assertThat(next.floatingShown()).containsExactly("events");
        assertThat(next.floatingBounds("events")).containsExactly(1, 2, 300, 400);
        assertThat(next.shownOn(DockSide.BOTTOM)).containsExactly("dentries", "problems");
        assertThat(next.size(DockSide.LEFT)).isEqualTo(0.3);
        assertThat(next.ids()).doesNotContain("removed-in-this-version");
    }
}
