package org.vfscope.app.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfscope.app.workbench.explorer.FileCommands;
import org.vfscope.app.workbench.explorer.FileOperations;
import org.vfscope.app.workbench.explorer.FsNode;
import org.vfscope.app.workbench.image.ImageMode;
import org.vfscope.app.workbench.image.ImageWorkspace;
import org.vfscope.app.workbench.task.BackgroundTasks;
import org.vfscope.sys.Process;

/**
 * The edit paths of the workbench's models on a copy of the ext2 sample, checked from outside by
 * {@code e2fsck -fn} and {@code debugfs}: commit, discard after edits, save as a new image.
 */
class Ext2WorkspaceTest {
    @TempDir
    Path tmp;

    private Path image;
    private String pristine;
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private final List<String> errors = new ArrayList<>();
    private WorkbenchModel model;
    private ImageController images;

    @BeforeEach
    void openACopy() throws Exception {
        image = EngineViewModelTest.copy(EngineViewModelTest.sample("ext2-1k.img"), tmp);
        pristine = EngineViewModelTest.sha256(image);
        model = new WorkbenchModel(BackgroundTasks.inline(), tmp.resolve("config"));
        model.onError(errors::add);
        images = new ImageController(model, dialogs);
        images.open(image, () -> { });
        images.enableEditing();
        assertThat(dialogs.errors).isEmpty();
        assertThat(model.modeProperty().get()).isEqualTo(ImageMode.OVERLAY);
    }

    private Process process() throws Exception {
        return model.workspace().machine(0).process();
    }

    /** Edits a file, makes a folder, renames and deletes, through the explorer's operations. */
    private void edit() throws Exception {
        FileCommands.writeAll(process(), "/README.txt", "edited in the overlay\n".getBytes(StandardCharsets.UTF_8));
        FileOperations ops = new FileOperations(model);
        FsNode root = FsNode.volume(0, "ext2");
        ops.newFolder(root, "notes");
        ops.rename(new FsNode(FsNode.Kind.FILE, "two.txt", 0, "/docs/two.txt", 0), "deux.txt");
        ops.delete(new FsNode(FsNode.Kind.DIRECTORY, "a", 0, "/a", 0));
        assertThat(errors).isEmpty();
    }

    @Test
    void commitWritesEditsThatE2fsckAcceptsAndDebugfsReads() throws Exception {
        edit();
        assertThat(EngineViewModelTest.sha256(image)).as("untouched before commit").isEqualTo(pristine);
        images.commit();
        assertThat(dialogs.confirmations).singleElement().asString().contains("will be written into");
        assertThat(dialogs.errors).isEmpty();
        images.close();

        ExternalTools.assertCleanExt2(image);
        assertThat(ExternalTools.debugfs(image, "cat /README.txt")).isEqualTo("edited in the overlay\n");
        assertThat(ExternalTools.debugfs(image, "ls -l /")).contains("notes").doesNotContain(" a\n");
        assertThat(ExternalTools.debugfs(image, "ls -l /docs")).contains("deux.txt").doesNotContain("two.txt");
    }

    @Test
    void discardAfterEditsLeavesTheImageByteIdentical() throws Exception {
        edit();
        images.discard();
        assertThat(dialogs.errors).isEmpty();
        assertThat(model.modeProperty().get()).isEqualTo(ImageMode.READ_ONLY);
        assertThat(new String(FileCommands.read(process(), "/README.txt", 0, 64), StandardCharsets.UTF_8))
                .startsWith("VFScope ext2 sample");
        images.close();
        assertThat(EngineViewModelTest.sha256(image)).isEqualTo(pristine);
    }

    @Test
    void saveAsWritesANewImageWithTheEditsAndLeavesTheOriginal() throws Exception {
        edit();
        dialogs.directory = Files.createDirectory(tmp.resolve("out"));
        images.saveAs();
        assertThat(dialogs.errors).isEmpty();
        Path saved = dialogs.directory.resolve("ext2-1k-edited.img");
        assertThat(saved).isRegularFile();
        images.close();

        assertThat(EngineViewModelTest.sha256(image)).isEqualTo(pristine);
        ExternalTools.assertCleanExt2(saved);
        assertThat(ExternalTools.debugfs(saved, "cat /README.txt")).isEqualTo("edited in the overlay\n");
        assertThat(ExternalTools.debugfs(saved, "ls -l /")).contains("notes");
    }
}
