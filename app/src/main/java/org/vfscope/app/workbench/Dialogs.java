package org.vfscope.app.workbench;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Every question the workbench asks the user; tests answer with a scripted implementation. */
public interface Dialogs {
    /** What to do with unsaved changes. */
    enum SaveChoice { SAVE, DISCARD, CANCEL }

    void error(String title, String message);

    boolean confirm(String title, String message, String okText);

    Optional<String> askText(String title, String prompt, String initial);

    SaveChoice askSave(String what);

    Optional<Path> chooseImage();

    Optional<Path> chooseSaveImage(String suggested);

    Optional<Path> chooseDirectory(String title);

    List<Path> chooseFiles(String title);
}
