package org.vfscope.app.workbench;

import static org.vfscope.app.workbench.ExplorerDriver.waitFor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.input.KeyCode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import org.vfscope.app.workbench.editor.TextEditorView;
import org.vfscope.app.workbench.image.ImageMode;

/**
 * The edit paths through the real window on a copy of the ext2 sample: type and save, watch the
 * dirty pages rise and Sync bring them to 0, rename / delete / new folder, a hex edit, and then
 * the three ends of an editing session (commit, discard, save as), each judged from outside by
 * e2fsck, debugfs or the file's SHA-256.
 */
class Ext2EditingFxTest {
    private static final Pattern DIRTY = Pattern.compile("dirty (\\d+)");
    private static final String TYPED = "Edited in VFScope. ";
    private static final String ORIGINAL_README = "VFScope ext2 sample: 1 KiB blocks, no extents, no journal.\n";

    private final FxRobot robot = new FxRobot();
    private WorkbenchFixture fx;
    private Workbench wb;
    private Path image;
    private String pristine;

    @TempDir
    Path tmp;

    @BeforeEach
    void openACopyWithEditingOn() throws Exception {
        fx = new WorkbenchFixture(tmp);
        image = EngineViewModelTest.copy(EngineViewModelTest.sample("ext2-1k.img"), tmp);
        pristine = EngineViewModelTest.sha256(image);
        wb = fx.open(Optional.of(image));
        waitFor("the root directory listed", () -> fx.row("/README.txt") != null);
        // The flusher must not write back on its own while the test watches the dirty count.
        fx.run("demo.pause");
        fx.run("image.enableEditing");
        waitFor("overlay mode", () -> wb.model().modeProperty().get() == ImageMode.OVERLAY);
        waitFor("the mode in the status bar",
                () -> ImageMode.OVERLAY.label().equals(robot.lookup("#status-mode").queryLabeled().getText()));
        assertThat(fx.dialogs.errors).isEmpty();
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    @Test
    void editSaveSyncFileOperationsHexAndCommitPassE2fsck() throws Exception {
        typeIntoReadmeAndSave();
        waitFor("dirty pages in the status bar", () -> dirtyPages() > 0);
        fx.run("demo.sync");
        waitFor("no dirty pages after Sync", () -> dirtyPages() == 0);

        newFolderRenameAndDelete();
        hexEdit("/docs/deux.txt");

        fx.run("image.commit");
        waitFor("the commit", () -> wb.model().notificationProperty().get().startsWith("Committed"));
        assertThat(fx.dialogs.confirmations).last().asString().contains("will be written into").contains(image.toString());
        assertThat(fx.dialogs.errors).isEmpty();
        closeImage();

        ExternalTools.assertCleanExt2(image);
        assertThat(ExternalTools.debugfs(image, "cat /README.txt")).startsWith(TYPED + ORIGINAL_README);
        assertThat(ExternalTools.debugfs(image, "cat /docs/deux.txt")).isEqualTo("Tecond note.\n");
        assertThat(ExternalTools.debugfs(image, "ls -l /")).contains("notes").doesNotContain("empty");
        assertThat(ExternalTools.debugfs(image, "ls -l /docs")).contains("deux.txt").doesNotContain("two.txt");
    }

    @Test
    void discardAfterEditsLeavesTheImageByteIdentical() throws Exception {
        typeIntoReadmeAndSave();
        newFolderRenameAndDelete();
        hexEdit("/docs/deux.txt");
        fx.run("image.discard");
        waitFor("read-only again", () -> wb.model().modeProperty().get() == ImageMode.READ_ONLY);
        waitFor("the tree listed again, as on disk", () -> fx.row("/empty") != null && fx.row("/notes") == null);
        assertThat(wb.editorsViewModel().openInputs()).as("editors of the dropped changes are closed").isEmpty();
        assertThat(fx.dialogs.errors).isEmpty();
        closeImage();
        assertThat(EngineViewModelTest.sha256(image)).isEqualTo(pristine);
    }

    @Test
    void saveAsWritesANewImageWithTheEditsAndLeavesTheOriginal() throws Exception {
        typeIntoReadmeAndSave();
        hexEdit("/docs/two.txt");
        fx.dialogs.directory = Files.createDirectory(tmp.resolve("out"));
        fx.run("image.saveAs");
        waitFor("the new image", () -> wb.model().notificationProperty().get().startsWith("Saved a new image"));
        assertThat(fx.dialogs.errors).isEmpty();
        closeImage();

        Path saved = fx.dialogs.directory.resolve("ext2-1k-edited.img");
        assertThat(EngineViewModelTest.sha256(image)).as("the original is untouched").isEqualTo(pristine);
        ExternalTools.assertCleanExt2(saved);
        assertThat(ExternalTools.debugfs(saved, "cat /README.txt")).startsWith(TYPED + ORIGINAL_README);
        assertThat(ExternalTools.debugfs(saved, "cat /docs/two.txt")).isEqualTo("Tecond note.\n");
    }

    // ---- the steps ----

    private void typeIntoReadmeAndSave() throws Exception {
        fx.select("/README.txt");
        fx.run("explorer.open");
        waitFor("the text editor", () -> robot.lookup("#text-area").tryQuery().isPresent());
        TextEditorView text = robot.lookup("#text-editor").queryAs(TextEditorView.class);
        assertThat(text.area().getText()).startsWith(ORIGINAL_README);
        robot.clickOn("#text-area");
        FxToolkit.setupFixture(() -> text.area().moveTo(0));
        robot.write(TYPED);
        waitFor("the dirty mark", () -> activeTab().getText().startsWith("*"));
        robot.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
        waitFor("saved", () -> !activeTab().getText().startsWith("*"));
        assertThat(wb.model().notificationProperty().get()).startsWith("Saved /README.txt");
    }

    private void newFolderRenameAndDelete() throws Exception {
        selectVolume();
        fx.dialogs.texts.add("notes");
        fx.run("explorer.newFolder");
        waitFor("the new folder", () -> fx.row("/notes") != null);

        FxToolkit.setupFixture(() -> fx.row("/docs").setExpanded(true));
        fx.select("/docs/two.txt");
        fx.dialogs.texts.add("deux.txt");
        pressOnTree(KeyCode.F2);
        waitFor("the renamed file", () -> fx.row("/docs/deux.txt") != null && fx.row("/docs/two.txt") == null);

        fx.select("/empty");
        pressOnTree(KeyCode.DELETE);
        waitFor("the folder gone", () -> fx.row("/empty") == null);
        assertThat(fx.dialogs.confirmations).last().asString().startsWith("Delete /empty");
        assertThat(fx.dialogs.errors).isEmpty();
    }

    /** Overwrites the first byte of {@code path} with 'T' (0x54) in the hex editor and saves. */
    private void hexEdit(String path) throws Exception {
        FxToolkit.setupFixture(() -> fx.row("/docs").setExpanded(true));
        fx.select(path);
        fx.run("explorer.openHex");
        waitFor("the hex editor's first row", () -> firstHexCell() != null
                && !((javafx.scene.control.Label) firstHexCell()).getText().equals("··"));
        robot.clickOn(firstHexCell());
        robot.write("54");
        waitFor("the dirty mark on the hex tab", () -> activeTab().getText().startsWith("*"));
        assertThat(firstHexCell().getStyleClass()).contains("hex-edited");
        robot.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
        waitFor("the hex edit saved", () -> !activeTab().getText().startsWith("*"));
        assertThat(fx.dialogs.errors).isEmpty();
    }

    private void closeImage() throws Exception {
        FxToolkit.setupFixture(() -> wb.images().close());
        waitFor("the image closed", () -> fx.tasks().active().isEmpty());
        // Closing runs in the background: wait until the file is released (the lock is the last thing to go).
        waitFor("the lock released", () -> !Files.list(tmp.resolve("config").resolve("locks")).findAny().isPresent());
    }

    // ---- helpers ----

    private long dirtyPages() {
        Matcher m = DIRTY.matcher(robot.lookup("#status-dirty").queryLabeled().getText());
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private Tab activeTab() {
        return wb.editors().tabs().getSelectionModel().getSelectedItem();
    }

    private Node firstHexCell() {
        return robot.lookup("#hex-editor .hex-cell").tryQuery().orElse(null);
    }

    private void pressOnTree(KeyCode key) throws Exception {
        FxToolkit.setupFixture(() -> fx.tree().requestFocus());
        WaitForAsyncUtils.waitForFxEvents();
        robot.push(key);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void selectVolume() throws Exception {
        FxToolkit.setupFixture(() -> fx.tree().getSelectionModel().select(fx.tree().getRoot().getChildren().get(0)));
        WaitForAsyncUtils.waitForFxEvents();
    }

}
