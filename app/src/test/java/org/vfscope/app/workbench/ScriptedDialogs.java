package org.vfscope.app.workbench;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** Dialogs answered by the test: queued texts and confirmations; errors are recorded. */
final class ScriptedDialogs implements Dialogs {
    final List<String> errors = new ArrayList<>();
    final List<String> confirmations = new ArrayList<>();
    final Deque<String> texts = new ArrayDeque<>();
    boolean confirmAnswer = true;
    SaveChoice saveChoice = SaveChoice.DISCARD;
    Path directory;

    @Override
    public void error(String title, String message) {
        errors.add(message);
    }

    @Override
    public boolean confirm(String title, String message, String okText) {
        confirmations.add(message);
        return confirmAnswer;
    }

    @Override
    public Optional<String> askText(String title, String prompt, String initial) {
        return Optional.ofNullable(texts.poll());
    }

    @Override
    public SaveChoice askSave(String what) {
        return saveChoice;
    }

    @Override
    public Optional<Path> chooseImage() {
        return Optional.empty();
    }

    @Override
    public Optional<Path> chooseSaveImage(String suggested) {
        return Optional.ofNullable(directory).map(d -> d.resolve(suggested));
    }

    @Override
    public Optional<Path> chooseDirectory(String title) {
        return Optional.ofNullable(directory);
    }

    @Override
    public List<Path> chooseFiles(String title) {
        return List.of();
    }
}
