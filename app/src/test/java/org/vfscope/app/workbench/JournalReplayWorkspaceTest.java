package org.vfscope.app.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfscope.app.JournaledImages;
import org.vfscope.app.image.ImageOpener;
import org.vfscope.app.image.Machine;
import org.vfscope.app.workbench.explorer.FileCommands;
import org.vfscope.app.workbench.image.ImageMode;
import org.vfscope.app.workbench.task.BackgroundTasks;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.VfsException;

/**
 * An ext3 image whose journal needs recovery, in the workbench: it browses replayed (in the
 * overlay, the file untouched), edits are refused with the way out until the overlay is
 * committed, and after that commit the image is recovered (e2fsck accepts it) and editable.
 */
class JournalReplayWorkspaceTest {
    @TempDir
    Path tmp;

    @Test
    void theReplayIsBrowsedThenCommittedThenTheImageIsEditable() throws Exception {
        Path image = JournaledImages.make(tmp, "ext3");
        String pristine = EngineViewModelTest.sha256(image);
        ScriptedDialogs dialogs = new ScriptedDialogs();
        List<String> errors = new ArrayList<>();
        WorkbenchModel model = new WorkbenchModel(BackgroundTasks.inline(), tmp.resolve("config"));
        model.onError(errors::add);
        ImageController images = new ImageController(model, dialogs);
        images.open(image, () -> { });

        Machine m = model.workspace().machine(0);
        assertThat(m.journal()).hasValueSatisfying(n -> assertThat(n.message()).contains("journal replayed in memory"));
        assertThat(m.replayPending()).isTrue();
        assertThat(new String(FileCommands.read(m.process(), "/new.txt", 0, 1 << 20), StandardCharsets.UTF_8))
                .isEqualTo(JournaledImages.NEW_TEXT);

        images.enableEditing();
        assertThat(dialogs.errors).isEmpty();
        assertThat(model.modeProperty().get()).isEqualTo(ImageMode.OVERLAY);
        assertThatThrownBy(() -> FileCommands.writeAll(m.process(), "/old.txt", "x\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(VfsException.class, e -> {
                    assertThat(e.errno()).isEqualTo(Errno.EROFS);
                    assertThat(e.getMessage()).contains(ImageOpener.PENDING_REPLAY);
                });
        assertThat(EngineViewModelTest.sha256(image)).as("untouched before commit").isEqualTo(pristine);

        images.commit();
        assertThat(dialogs.errors).isEmpty();
        ExternalTools.assertCleanExt2(image);
        assertThat(ExternalTools.debugfs(image, "cat /new.txt")).isEqualTo(JournaledImages.NEW_TEXT);

        FileCommands.writeAll(m.process(), "/old.txt", "edited after recovery\n".getBytes(StandardCharsets.UTF_8));
        images.commit();
        images.close();
        assertThat(dialogs.errors).isEmpty();
        assertThat(errors).isEmpty();
        ExternalTools.assertCleanExt2(image);
        assertThat(ExternalTools.debugfs(image, "cat /old.txt")).isEqualTo("edited after recovery\n");
    }
}
