package org.vfscope.app.workbench;

import static org.vfscope.app.workbench.ExplorerDriver.waitFor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import javafx.scene.control.TreeItem;
import javafx.scene.input.KeyCode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.vfscope.app.workbench.editor.HexEditorView;
import org.vfscope.app.workbench.editor.TextEditorView;
import org.vfscope.app.workbench.explorer.FsNode;
import org.vfscope.app.workbench.image.ImageMode;
import org.vfscope.sys.Process;

/** The main paths through the real window (headless Monocle), each on a copy of a sample image. */
class WorkbenchFxTest {
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

    private Path demoCopy() throws Exception {
        Path from = EngineViewModelTest.sample("demo-ext4.img");
        return EngineViewModelTest.copy(from, tmp);
    }

    @Test
    void opensTheImageExpandsFiltersAndOpensTextAndHex() throws Exception {
        Path image = demoCopy();
        String sha = EngineViewModelTest.sha256(image);
        wb = fx.open(Optional.of(image));
        waitFor("the root directory listed", () -> fx.row("/etc") != null);
        assertThat(fx.stage().getTitle()).contains("demo-ext4.img");
        // The status bar follows the workspace on the FX thread; it may trail the first listing.
        waitFor("the mode shown in the status bar",
                () -> ImageMode.READ_ONLY.label().equals(robot.lookup("#status-mode").queryLabeled().getText()));

        robot.clickOn("#explorer-filter").write("READ");
        waitFor("the filter applied", () -> fx.row("/etc") == null && fx.row("/README.md") != null);
        robot.clickOn("#explorer-filter").push(KeyCode.ESCAPE);
        waitFor("the filter cleared", () -> fx.row("/etc") != null);

        fx.select("/README.md");
        assertThat(wb.explorer().selected().path()).isEqualTo("/README.md");
        waitFor("the breadcrumb", () -> robot.lookup(".breadcrumb-segment").queryAll().size() == 3);
        fx.run("explorer.open");
        waitFor("the text editor", () -> robot.lookup("#text-editor").tryQuery().isPresent());
        TextEditorView text = robot.lookup("#text-editor").queryAs(TextEditorView.class);
        assertThat(text.area().getText()).isNotEmpty();

        fx.run("explorer.openHex");
        waitFor("the hex editor with its first row", () -> robot.lookup("#hex-editor").tryQuery().isPresent()
                && robot.lookup(".hex-cell").queryAll().stream()
                .anyMatch(n -> !((javafx.scene.control.Label) n).getText().equals("··")));
        assertThat(robot.lookup("#hex-editor").queryAs(HexEditorView.class)).isNotNull();

        fx.run("explorer.inode");
        waitFor("the inode view", () -> robot.lookup("#inode-view").tryQuery().isPresent());
        fx.run("image.superblock");
        waitFor("the superblock view", () -> robot.lookup("#superblock-view").tryQuery().isPresent());
        assertThat(wb.editorsViewModel().openInputs()).hasSize(4);

        fx.run("image.enableEditing");
        waitFor("editing on: ext4 images are writable", () -> wb.model().modeProperty().get() == ImageMode.OVERLAY);
        assertThat(fx.dialogs.errors).isEmpty();
        FxToolkit.setupFixture(() -> wb.images().close());
        assertThat(EngineViewModelTest.sha256(image)).as("browsing never writes the image").isEqualTo(sha);
    }

    @Test
    void thePaletteFindsAndRunsAnAction() throws Exception {
        wb = fx.open(Optional.empty());
        assertThat(wb.themeProperty().get()).isEqualTo(Themes.LIGHT);
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.A).release(KeyCode.A, KeyCode.SHIFT, KeyCode.CONTROL);
        waitFor("the palette", () -> wb.palette().isShowing());
        robot.write("dark");
        waitFor("a match", () -> robot.lookup("#palette-list").queryListView().getItems().size() == 1);
        robot.push(KeyCode.ENTER);
        waitFor("the dark theme", () -> Themes.DARK.equals(wb.themeProperty().get()));
        assertThat(fx.stage().getScene().getRoot().getStyleClass()).contains("theme-dark");
    }

    @Test
    void aCorruptImageShowsItsErrorsInTheProblemsView() throws Exception {
        Path image = EngineViewModelTest.copy(EngineViewModelTest.sample("corrupt-zero-rec-len.img"), tmp);
        wb = fx.open(Optional.of(image));
        waitFor("the root listed", () -> fx.tree().getRoot() != null && fx.tree().getRoot().getChildren().size() == 1
                && !fx.tree().getRoot().getChildren().get(0).getChildren().isEmpty());
        for (TreeItem<FsNode> c : java.util.List.copyOf(fx.tree().getRoot().getChildren().get(0).getChildren())) {
            if (c.getValue().kind() == FsNode.Kind.DIRECTORY) {
                FxToolkit.setupFixture(() -> c.setExpanded(true));
            }
        }
        waitFor("problems", () -> !wb.model().problems().problems().isEmpty());
        fx.run("view.problems");
        waitFor("the problems table", () -> robot.lookup("#problems-table").queryTableView().getItems().size() > 0);
        assertThat(fx.dialogs.errors).as("no error dialog: problems are listed, not thrown").isEmpty();
    }

    @Test
    void editsOnRamfsSaveThroughTheVfsAndFileOperationsWork() throws Exception {
        wb = fx.open(Optional.empty());
        fx.run("file.scratch");
        waitFor("the scratch volume", () -> fx.tree().getRoot() != null && fx.tree().getRoot().getChildren().size() == 1
                && fx.tree().getRoot().getChildren().get(0).isExpanded());
        assertThat(wb.model().modeProperty().get()).isEqualTo(ImageMode.OVERLAY);
        FxToolkit.setupFixture(() -> fx.tree().getSelectionModel().select(fx.tree().getRoot().getChildren().get(0)));

        fx.dialogs.texts.add("notes");
        fx.run("explorer.newFolder");
        waitFor("the new folder", () -> fx.row("/notes") != null);
        fx.select("/notes");
        fx.dialogs.texts.add("todo.txt");
        fx.run("explorer.newFile");
        FxToolkit.setupFixture(() -> fx.row("/notes").setExpanded(true));
        waitFor("the new file", () -> fx.row("/notes/todo.txt") != null);
        fx.select("/notes/todo.txt");
        fx.run("explorer.open");
        waitFor("the editor", () -> robot.lookup("#text-area").tryQuery().isPresent());
        robot.clickOn("#text-area").write("hello vfs");
        waitFor("the dirty mark", () -> wb.editors().tabs().getTabs().get(0).getText().startsWith("*"));
        robot.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
        waitFor("saved", () -> !wb.editors().tabs().getTabs().get(0).getText().startsWith("*"));
        Process p = wb.model().workspace().machine(0).process();
        byte[] buf = new byte[64];
        int fd = p.open("/notes/todo.txt", 0);
        int n = p.read(fd, buf, 0, buf.length);
        p.close(fd);
        assertThat(new String(buf, 0, n, StandardCharsets.UTF_8)).isEqualTo("hello vfs");

        fx.select("/notes/todo.txt");
        fx.dialogs.texts.add("done.txt");
        fx.run("explorer.rename");
        waitFor("the renamed file", () -> fx.row("/notes/done.txt") != null);
        fx.select("/notes/done.txt");
        fx.run("explorer.delete");
        waitFor("the file gone", () -> fx.row("/notes/done.txt") == null);
        assertThat(fx.dialogs.errors).isEmpty();
        assertThat(Files.exists(tmp.resolve("config"))).isFalse();
    }
}
