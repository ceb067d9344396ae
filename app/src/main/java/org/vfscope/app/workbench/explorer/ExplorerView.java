package org.vfscope.app.workbench.explorer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import javafx.geometry.Insets;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Explorer tool window: filter field, breadcrumb, and the lazy tree of image, volumes and
 * files. Double click or Enter opens; the context menu comes from the action registry.
 */
public final class ExplorerView extends BorderPane {
    private final ExplorerViewModel viewModel;
    private final TreeView<FsNode> tree = new TreeView<>();
    private final TextField filter = new TextField();
    private Consumer<FsNode> onOpen = n -> { };
    private Runnable onListed = () -> { };
    private Consumer<List<java.nio.file.Path>> onDropFiles = f -> { };
    private Function<FsNode, java.nio.file.Path> dragOut = n -> null;

    public ExplorerView(ExplorerViewModel viewModel, ContextMenu contextMenu) {
        this.viewModel = viewModel;
        setId("explorer");
        getStyleClass().add("tool-window");
        filter.setId("explorer-filter");
        filter.setPromptText("Filter (name or *.glob)");
        filter.textProperty().bindBidirectional(viewModel.filterTextProperty());
        HBox filterBox = new HBox(6, new FontIcon(Feather.SEARCH), filter);
        filterBox.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        HBox.setHgrow(filter, Priority.ALWAYS);
        filter.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                filter.clear();
                tree.requestFocus();
            } else if (e.getCode() == KeyCode.DOWN) {
                tree.requestFocus();
            }
        });
        BreadcrumbBar crumbs = new BreadcrumbBar(viewModel, this::reveal);
        VBox top = new VBox(6, filterBox, crumbs);
        top.setPadding(new Insets(8, 8, 6, 8));
        setTop(top);

        tree.setId("explorer-tree");
        tree.setShowRoot(true);
        tree.setCellFactory(t -> new NodeCell());
        tree.setContextMenu(contextMenu);
        tree.getSelectionModel().selectedItemProperty().addListener((o, was, now) ->
                viewModel.model().selectionProperty().set(now == null ? null : now.getValue()));
        tree.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && selected() != null && !selected().kind().isContainer()) {
                onOpen.accept(selected());
            }
        });
        tree.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && selected() != null && !selected().kind().isContainer()) {
                onOpen.accept(selected());
                e.consume();
            }
        });
        tree.setOnDragDetected(e -> {
            FsNode n = selected();
            java.nio.file.Path out = n == null ? null : dragOut.apply(n);
            if (out != null) {
                Dragboard db = tree.startDragAndDrop(TransferMode.COPY);
                ClipboardContent c = new ClipboardContent();
                c.putFiles(List.of(out.toFile()));
                db.setContent(c);
                e.consume();
            }
        });
        tree.setOnDragOver(e -> {
            // A drag out of this tree is not an import into it.
            if (e.getDragboard().hasFiles() && e.getGestureSource() != tree) {
                e.acceptTransferModes(TransferMode.COPY);
                e.consume();
            }
        });
        tree.setOnDragDropped(e -> {
            if (e.getDragboard().hasFiles() && e.getGestureSource() != tree) {
                onDropFiles.accept(e.getDragboard().getFiles().stream().map(java.io.File::toPath).toList());
                e.setDropCompleted(true);
                e.consume();
            }
        });
        setCenter(tree);
        viewModel.filterProperty().addListener((o, was, now) -> applyFilter(now));
        viewModel.model().workspaceProperty().addListener((o, was, now) -> rebuild());
        rebuild();
    }

    /** Runs each time a freshly opened image's first listing shows: its only volume's root, or its volumes. */
    public void onListed(Runnable r) {
        this.onListed = r;
    }

    public void onOpen(Consumer<FsNode> handler) {
        this.onOpen = handler;
    }

    /** Host files dropped on the tree: the workbench imports them into the selected directory. */
    public void onDropFiles(Consumer<List<java.nio.file.Path>> handler) {
        this.onDropFiles = handler;
    }

    /** A drag out of the tree: gives the host path the dragged node is being exported to, or null. */
    public void onDragOut(Function<FsNode, java.nio.file.Path> handler) {
        this.dragOut = handler;
    }

    public TreeView<FsNode> tree() {
        return tree;
    }

    public FsNode selected() {
        TreeItem<FsNode> i = tree.getSelectionModel().getSelectedItem();
        return i == null ? null : i.getValue();
    }

    public void focusFilter() {
        filter.requestFocus();
        filter.selectAll();
    }

    /** Starts again from the image row: after opening an image or discarding changes. */
    public void rebuild() {
        if (viewModel.model().workspace() == null) {
            tree.setRoot(null);
            return;
        }
        FsTreeItem root = new FsTreeItem(viewModel.root(), viewModel);
        tree.setRoot(root);
        root.ensureLoaded(() -> {
            // One filesystem: open it straight away, as an IDE opens the only project.
            if (root.loadedChildren().size() == 1) {
                FsTreeItem only = root.loadedChildren().get(0);
                only.setExpanded(true);
                only.ensureLoaded(onListed);
            } else {
                onListed.run();
            }
        });
        root.setExpanded(true);
    }

    private void applyFilter(NameFilter f) {
        TreeItem<FsNode> root = tree.getRoot();
        if (root instanceof FsTreeItem r) {
            r.applyFilter(f);
        }
    }

    /** Lists directory {@code path} of {@code volume} again, if it has been listed. */
    public void reload(int volume, String path) {
        FsTreeItem item = find(volume, path);
        if (item != null && item.isLoaded()) {
            item.reload();
        }
    }

    private FsTreeItem find(int volume, String path) {
        if (!(tree.getRoot() instanceof FsTreeItem root)) {
            return null;
        }
        FsTreeItem v = null;
        for (FsTreeItem c : root.loadedChildren()) {
            if (c.getValue().volume() == volume) {
                v = c;
            }
        }
        if (v == null || path.equals("/")) {
            return v;
        }
        FsTreeItem at = v;
        for (String part : path.substring(1).split("/")) {
            at = at == null ? null : at.child(part);
        }
        return at;
    }

    /** Expands the tree down to {@code node} (listing directories on the way) and selects it. */
    public void reveal(FsNode node) {
        if (!(tree.getRoot() instanceof FsTreeItem root)) {
            return;
        }
        if (node.kind() == FsNode.Kind.IMAGE) {
            select(root);
            return;
        }
        List<String> parts = new ArrayList<>();
        if (!node.path().equals("/") && !node.path().isEmpty()) {
            parts.addAll(List.of(node.path().substring(1).split("/")));
        }
        root.ensureLoaded(() -> {
            for (FsTreeItem v : root.loadedChildren()) {
                if (v.getValue().volume() == node.volume()) {
                    walk(v, parts, 0);
                }
            }
        });
    }

    private void walk(FsTreeItem at, List<String> parts, int i) {
        if (i == parts.size()) {
            select(at);
            return;
        }
        at.setExpanded(true);
        at.ensureLoaded(() -> {
            if (!viewModel.filterProperty().get().isEmpty()) {
                viewModel.filterTextProperty().set("");
            }
            FsTreeItem next = at.child(parts.get(i));
            if (next != null) {
                walk(next, parts, i + 1);
            } else {
                select(at);
            }
        });
    }

    private void select(TreeItem<FsNode> item) {
        tree.getSelectionModel().select(item);
        int row = tree.getRow(item);
        if (row >= 0) {
            tree.scrollTo(Math.max(0, row - 5));
        }
    }

    private static final class NodeCell extends TreeCell<FsNode> {
        @Override
        protected void updateItem(FsNode n, boolean empty) {
            super.updateItem(n, empty);
            if (empty || n == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            setText(n.name());
            setGraphic(getTreeItem() == null ? null : getTreeItem().getGraphic());
            getStyleClass().removeAll("node-symlink", "node-placeholder");
            if (n.kind() == FsNode.Kind.SYMLINK) {
                getStyleClass().add("node-symlink");
            }
            if (n.path().isEmpty() && n.kind() == FsNode.Kind.UNKNOWN) {
                getStyleClass().add("node-placeholder");
            }
        }
    }
}
