package org.vfscope.app.workbench;

import static org.vfscope.app.workbench.ExplorerDriver.waitFor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import javafx.scene.control.SplitPane;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import org.vfscope.app.workbench.dock.DockSide;
import org.vfscope.app.workbench.editor.EditorInput;
import org.vfscope.app.workbench.editor.EditorKind;

/** The window's layout: tool windows dock, float, hide and come back; sizes and tabs survive a restart. */
class LayoutFxTest {
    private final FxRobot robot = new FxRobot();
    private WorkbenchFixture fx;
    private Workbench wb;

    @TempDir
    Path tmp;

    @BeforeEach
    void stage() throws Exception {
        fx = new WorkbenchFixture(tmp);
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    private TabPane area(DockSide side) {
        return (TabPane) wb.dock().area(side);
    }

    private List<String> tabIds(DockSide side) {
        return area(side).getTabs().stream().map(t -> t.getId()).toList();
    }

    private boolean inScene(DockSide side) {
        return area(side).getScene() != null;
    }

    @Test
    void theEditorsTakeAboutTwoThirdsOfTheHeightAndADraggedDividerIsKept() throws Exception {
        wb = fx.open(Optional.empty());
        waitFor("the layout", () -> wb.view().editorShare() > 0);
        assertThat(wb.view().editorShare()).isCloseTo(0.64, within(0.03));

        // Drag the divider under the editors up to the middle.
        SplitPane centre = robot.lookup("#centre-split").queryAs(SplitPane.class);
        javafx.scene.Node divider = centre.lookupAll(".split-pane-divider").iterator().next();
        double up = (centre.getDividerPositions()[0] - 0.5) * centre.getHeight();
        robot.drag(divider).moveBy(0, -up / 2).moveBy(0, -up / 2).drop();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(wb.view().editorShare()).isCloseTo(0.5, within(0.03));
        wb = fx.restart(Optional.empty());

        waitFor("the layout", () -> wb.view().editorShare() > 0);
        assertThat(wb.view().editorShare()).isCloseTo(0.5, within(0.03));
    }

    @Test
    void toolWindowsMoveFloatHideAndComeBackWithAltNumberAndAfterARestart() throws Exception {
        wb = fx.open(Optional.empty());
        assertThat(tabIds(DockSide.BOTTOM)).containsExactly("tool-dentries", "tool-events", "tool-problems", "tool-demo");
        assertThat(robot.lookup("#stripe-pages").tryQuery()).as("a hidden window keeps its stripe button").isPresent();

        // Alt+3 shows the hidden page cache window in front; Alt+3 again hides it.
        robot.press(KeyCode.ALT, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.ALT);
        waitFor("the page cache window", () -> "pages".equals(wb.dock().layout().selected(DockSide.BOTTOM)));
        assertThat(area(DockSide.BOTTOM).getSelectionModel().getSelectedItem().getId()).isEqualTo("tool-pages");
        robot.press(KeyCode.ALT, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.ALT);
        waitFor("the page cache window hidden", () -> !tabIds(DockSide.BOTTOM).contains("tool-pages"));

        // Move the event log to the left through its stripe button's menu.
        // (Monocle makes no context menu event of a right click: the test opens the button's menu itself.)
        javafx.scene.control.ToggleButton events = robot.lookup("#stripe-events").queryAs(javafx.scene.control.ToggleButton.class);
        FxToolkit.setupFixture(() -> events.getContextMenu().show(events, javafx.geometry.Side.RIGHT, 0, 0));
        robot.clickOn("Move to Left");
        waitFor("the event log on the left", () -> tabIds(DockSide.LEFT).contains("tool-events"));
        assertThat(tabIds(DockSide.BOTTOM)).doesNotContain("tool-events");
        assertThat(robot.lookup("#event-log").tryQuery()).as("its content shows in the left area").isPresent();

        // Hide the inspector: the right area goes; Alt+9 brings it back.
        FxToolkit.setupFixture(() -> wb.dock().tab("inspector").getTabPane().getTabs().get(0).getOnCloseRequest()
                .handle(new javafx.event.Event(javafx.scene.control.Tab.TAB_CLOSE_REQUEST_EVENT)));
        waitFor("the right area gone", () -> !inScene(DockSide.RIGHT));
        robot.press(KeyCode.ALT, KeyCode.DIGIT9).release(KeyCode.DIGIT9, KeyCode.ALT);
        waitFor("the inspector back", () -> inScene(DockSide.RIGHT) && tabIds(DockSide.RIGHT).contains("tool-inspector"));

        // Float Problems: it leaves the bottom area for a window of its own.
        FxToolkit.setupFixture(() -> wb.dock().layout().setFloating("problems"));
        waitFor("the floating window", () -> wb.dock().floatingWindow("problems") != null
                && wb.dock().floatingWindow("problems").isShowing());
        assertThat(tabIds(DockSide.BOTTOM)).doesNotContain("tool-problems");
        assertThat(wb.dock().floatingWindow("problems").getScene().lookup("#problems-table")).isNotNull();

        // Move Block I/O to the right (what dropping its stripe button there does: Monocle cannot drag and drop).
        FxToolkit.setupFixture(() -> wb.dock().layout().moveTo("blocks", DockSide.RIGHT));
        waitFor("block I/O on the right", () -> tabIds(DockSide.RIGHT).contains("tool-blocks"));

        wb = fx.restart(Optional.empty());
        waitFor("the restored layout", () -> tabIds(DockSide.LEFT).contains("tool-events"));
        assertThat(tabIds(DockSide.LEFT)).containsExactly("tool-explorer", "tool-events");
        assertThat(tabIds(DockSide.RIGHT)).containsExactly("tool-inspector", "tool-blocks");
        assertThat(tabIds(DockSide.BOTTOM)).containsExactly("tool-dentries", "tool-demo");
        waitFor("problems floating again", () -> wb.dock().floatingWindow("problems") != null
                && wb.dock().floatingWindow("problems").isShowing());

        // Docking back from the floating window's header.
        FxToolkit.setupFixture(() -> ((javafx.scene.control.Button) wb.dock().floatingWindow("problems").getScene()
                .lookup("#float-dock-problems")).fire());
        waitFor("problems docked", () -> tabIds(DockSide.BOTTOM).contains("tool-problems"));
        assertThat(wb.dock().floatingWindow("problems")).isNull();
    }

    @Test
    void hideAllToolWindowsGivesTheEditorsTheWindowAndAltZeroBringsThemBack() throws Exception {
        wb = fx.open(Optional.empty());
        robot.press(KeyCode.ALT, KeyCode.DIGIT0).release(KeyCode.DIGIT0, KeyCode.ALT);
        waitFor("no tool area", () -> !inScene(DockSide.LEFT) && !inScene(DockSide.RIGHT) && !inScene(DockSide.BOTTOM));
        robot.press(KeyCode.ALT, KeyCode.DIGIT0).release(KeyCode.DIGIT0, KeyCode.ALT);
        waitFor("the tool areas back", () -> inScene(DockSide.LEFT) && inScene(DockSide.RIGHT) && inScene(DockSide.BOTTOM));
    }

    @Test
    void presentationModeShowsOneAreaAndLeavingItPutsTheToolAreasBack() throws Exception {
        wb = fx.open(Optional.empty());
        FxToolkit.setupFixture(() -> wb.actions().get("view.presentation").runIfEnabled());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(inScene(DockSide.BOTTOM)).as("the cache view in front of the bottom area, full size").isTrue();
        assertThat(inScene(DockSide.LEFT) || inScene(DockSide.RIGHT)).isFalse();
        assertThat(wb.view().editors().getScene()).isNull();

        FxToolkit.setupFixture(() -> wb.actions().get("view.presentation").runIfEnabled());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(inScene(DockSide.LEFT) && inScene(DockSide.RIGHT) && inScene(DockSide.BOTTOM)).isTrue();
        assertThat(wb.view().editors().getScene()).isNotNull();
        waitFor("the layout", () -> wb.view().editorShare() > 0);
        assertThat(wb.view().editorShare()).isCloseTo(0.64, within(0.03));
    }

    @Test
    void restoredTabsComeBackInTheirOrderWithTheFrontTabSelected() throws Exception {
        Path image = EngineViewModelTest.copy(EngineViewModelTest.sample("demo-ext4.img"), tmp);
        wb = fx.open(Optional.of(image));
        waitFor("the root listed", () -> ExplorerDriver.find(wb.explorer().tree().getRoot(), "/etc") != null);
        List<EditorInput> opened = List.of(
                new EditorInput(0, "/README.md", EditorKind.TEXT),
                new EditorInput(0, "/data/big.bin", EditorKind.HEX),
                new EditorInput(0, "/etc/hosts", EditorKind.INODE),
                new EditorInput(0, "/etc/fstab", EditorKind.TEXT));
        for (EditorInput in : opened) {
            FxToolkit.setupFixture(() -> wb.editors().open(in, c -> { }));
            waitFor(in.path() + " open", () -> wb.editors().inputsInOrder().contains(in));
        }
        FxToolkit.setupFixture(() -> wb.editors().tabs().getSelectionModel().select(1));
        assertThat(wb.editors().selectedInput()).isEqualTo(opened.get(1));

        wb = fx.restart(Optional.of(image));
        waitFor("the tabs restored", () -> wb.editors().inputsInOrder().size() == opened.size());
        assertThat(wb.editors().inputsInOrder()).containsExactlyElementsOf(opened);
        assertThat(wb.editors().selectedInput()).isEqualTo(opened.get(1));
        assertThat(wb.editorsViewModel().activeProperty().get()).isEqualTo(opened.get(1));
    }
}
