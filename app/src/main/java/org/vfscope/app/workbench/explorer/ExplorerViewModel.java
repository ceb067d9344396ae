package org.vfscope.app.workbench.explorer;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.vfscope.app.image.Machine;
import org.vfscope.app.workbench.WorkbenchModel;
import org.vfscope.app.workbench.image.ImageWorkspace;
import org.vfscope.app.workbench.image.VolumeEntry;
import org.vfscope.app.workbench.tools.Problem;
import org.vfscope.fs.ext.ExtSuper;

/**
 * The explorer's logic: children of a node, loaded in the background and handed over in chunks
 * (a 100k-entry directory never blocks the FX thread for long), the filter, the breadcrumb.
 */
public final class ExplorerViewModel {
    /** Rows handed to the tree per FX-thread turn. */
    public static final int CHUNK = 2000;

    private final WorkbenchModel model;
    private final StringProperty filterText = new SimpleStringProperty(this, "filter", "");
    private final ObjectProperty<NameFilter> filter = new SimpleObjectProperty<>(this, "nameFilter", NameFilter.of(""));
    private final ObservableList<Breadcrumb.Segment> breadcrumb = FXCollections.observableArrayList();

    public ExplorerViewModel(WorkbenchModel model) {
        this.model = model;
        filterText.addListener((o, was, now) -> filter.set(NameFilter.of(now)));
        model.selectionProperty().addListener((o, was, now) -> updateBreadcrumb(now));
        model.workspaceProperty().addListener((o, was, now) -> updateBreadcrumb(null));
    }

    public WorkbenchModel model() {
        return model;
    }

    public StringProperty filterTextProperty() {
        return filterText;
    }

    public ObjectProperty<NameFilter> filterProperty() {
        return filter;
    }

    public ObservableList<Breadcrumb.Segment> breadcrumb() {
        return breadcrumb;
    }

    /** The top row: the image. */
    public FsNode root() {
        ImageWorkspace w = model.workspace();
        return FsNode.image(w == null ? "" : w.name());
    }

    public FsNode volumeNode(int index) {
        VolumeEntry v = model.workspace().volumes().get(index);
        return FsNode.volume(index, v.label());
    }

    /**
     * Loads the children of {@code node}: chunks go to {@code onChunk} on the FX executor, one per
     * turn (the worker waits for each to be taken), then {@code onDone}. Errors become problems.
     */
    public void loadChildren(FsNode node, Consumer<List<FsNode>> onChunk, Runnable onDone) {
        ImageWorkspace w = model.workspace();
        if (w == null) {
            onDone.run();
            return;
        }
        if (node.kind() == FsNode.Kind.IMAGE) {
            onChunk.accept(w.volumes().stream().map(v -> FsNode.volume(v.index(), v.label())).toList());
            onDone.run();
            return;
        }
        if (node.kind() == FsNode.Kind.VOLUME && !w.volumes().get(node.volume()).hasFilesystem()) {
            model.problems().add(new Problem(Problem.Severity.ERROR, "NO_FILESYSTEM",
                    "no filesystem driver recognises " + node.name(), node.volume(), "", 0, -1));
            onDone.run();
            return;
        }
        model.tasks().submit("Listing " + node.path(), progress -> {
            Machine m = w.machine(node.volume());
            List<FsNode> all = DirectoryLoader.read(m.process(), node, progress);
            for (List<FsNode> chunk : DirectoryLoader.chunks(all, CHUNK)) {
                CompletableFuture<Void> taken = new CompletableFuture<>();
                model.tasks().fx().execute(() -> {
                    onChunk.accept(chunk);
                    taken.complete(null);
                });
                taken.get();
            }
            return driverProblems(m);
        }, recorded -> {
            recorded.ifPresent(p -> model.problems().setDriverProblems(node.volume(), p));
            onDone.run();
        }, message -> {
            model.problems().add(Problem.browsing(node.volume(), node.path(), message));
            model.notify("Cannot list " + node.path() + ": " + message);
            onDone.run();
        });
    }

    /** The problems the ext driver has recorded so far on the volume's filesystem. */
    static java.util.Optional<List<org.vfscope.fs.ext.ExtProblem>> driverProblems(Machine m) {
        ExtSuper ext = ExtSuper.of(m.rootSuperBlock());
        return ext == null ? java.util.Optional.empty() : java.util.Optional.of(ext.problems());
    }

    private void updateBreadcrumb(FsNode node) {
        ImageWorkspace w = model.workspace();
        if (w == null) {
            breadcrumb.clear();
            return;
        }
        FsNode volume = node == null || node.volume() < 0 ? null : volumeNode(node.volume());
        breadcrumb.setAll(Breadcrumb.of(root(), volume, node));
    }
}
