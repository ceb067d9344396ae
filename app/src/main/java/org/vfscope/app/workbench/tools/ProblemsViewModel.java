package org.vfscope.app.workbench.tools;

import java.util.List;
import java.util.function.Consumer;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.IntegerBinding;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.vfscope.fs.ext.ExtProblem;

/**
 * The Problems view's rows: what the ext driver recorded while reading (replaced on each refresh)
 * and errors met while browsing (kept until the image closes). Activating a row asks the
 * workbench to jump to it.
 */
public final class ProblemsViewModel {
    private static final String DRIVER = "driver";

    private final ObservableList<Problem> problems = FXCollections.observableArrayList();
    private final IntegerBinding errorCount = Bindings.createIntegerBinding(
            () -> (int) problems.stream().filter(p -> p.severity() == Problem.Severity.ERROR).count(), problems);
    private Consumer<Problem> jump = p -> { };

    public ObservableList<Problem> problems() {
        return problems;
    }

    public IntegerBinding errorCount() {
        return errorCount;
    }

    public void add(Problem p) {
        if (!problems.contains(p)) {
            problems.add(p);
        }
    }

    /** Replaces the driver's rows of {@code volume} with {@code recorded}. */
    public void setDriverProblems(int volume, List<ExtProblem> recorded) {
        List<Problem> rows = recorded.stream().map(e -> new Problem(
                e.severity() == ExtProblem.Severity.ERROR ? Problem.Severity.ERROR : Problem.Severity.WARNING,
                e.code().name(), e.message(), volume, "", e.inode(), e.block())).toList();
        problems.removeIf(p -> p.volume() == volume && !p.code().equals("BROWSE") && !p.code().equals(DRIVER));
        for (Problem p : rows) {
            add(p);
        }
    }

    public void clear() {
        problems.clear();
    }

    public void onJump(Consumer<Problem> jump) {
        this.jump = jump;
    }

    public void activate(Problem p) {
        if (p != null) {
            jump.accept(p);
        }
    }
}
