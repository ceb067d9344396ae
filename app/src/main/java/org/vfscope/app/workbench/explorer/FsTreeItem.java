package org.vfscope.app.workbench.explorer;

import java.util.ArrayList;
import java.util.List;

import javafx.scene.control.TreeItem;

/**
 * A tree row that lists its children the first time it is expanded, through the view model, in
 * chunks. It keeps every loaded child and shows those the filter lets through (a directory
 * shows while anything loaded below it matches).
 */
final class FsTreeItem extends TreeItem<FsNode> {
    private final ExplorerViewModel viewModel;
    private final List<FsTreeItem> loaded = new ArrayList<>();
    private boolean started;
    private boolean loading;
    private Runnable afterLoad;

    FsTreeItem(FsNode node, ExplorerViewModel viewModel) {
        super(node, NodeIcons.icon(node));
        this.viewModel = viewModel;
        if (node.kind().isContainer()) {
            getChildren().add(new TreeItem<>(new FsNode(FsNode.Kind.UNKNOWN, "Loading…", node.volume(), "", 0)));
            expandedProperty().addListener((o, was, now) -> {
                if (now) {
                    ensureLoaded(null);
                }
            });
        }
    }

    boolean isLoading() {
        return loading;
    }

    boolean isLoaded() {
        return started && !loading;
    }

    List<FsTreeItem> loadedChildren() {
        return loaded;
    }

    /** Loads once; {@code then} runs when the children are all in (at once if they already are). */
    void ensureLoaded(Runnable then) {
        if (started && !loading) {
            if (then != null) {
                then.run();
            }
            return;
        }
        if (then != null) {
            Runnable prev = afterLoad;
            afterLoad = prev == null ? then : () -> {
                prev.run();
                then.run();
            };
        }
        if (!started) {
            reload();
        }
    }

    /** Lists the directory again (after a change). */
    void reload() {
        started = true;
        loading = true;
        loaded.clear();
        List<TreeItem<FsNode>> placeholder = List.copyOf(getChildren());
        viewModel.loadChildren(getValue(), chunk -> {
            List<FsTreeItem> items = chunk.stream().map(n -> new FsTreeItem(n, viewModel)).toList();
            loaded.addAll(items);
            NameFilter f = viewModel.filterProperty().get();
            getChildren().removeAll(placeholder);
            getChildren().addAll(items.stream().filter(i -> i.visibleUnder(f)).toList());
        }, () -> {
            loading = false;
            getChildren().removeAll(placeholder);
            Runnable r = afterLoad;
            afterLoad = null;
            if (r != null) {
                r.run();
            }
        });
    }

    /** Applies {@code f} to this subtree; says whether this row stays visible. */
    boolean applyFilter(NameFilter f) {
        if (!started) {
            return f.test(getValue().name());
        }
        List<TreeItem<FsNode>> visible = new ArrayList<>();
        for (FsTreeItem c : loaded) {
            if (c.applyFilter(f)) {
                visible.add(c);
            }
        }
        getChildren().setAll(visible);
        if (!f.isEmpty() && !visible.isEmpty() && getValue().kind() == FsNode.Kind.DIRECTORY) {
            setExpanded(true);
        }
        return f.test(getValue().name()) || !visible.isEmpty() || getValue().kind() == FsNode.Kind.VOLUME
                || getValue().kind() == FsNode.Kind.IMAGE;
    }

    private boolean visibleUnder(NameFilter f) {
        return f.test(getValue().name());
    }

    /** The loaded child named {@code name}, or null. */
    FsTreeItem child(String name) {
        for (FsTreeItem c : loaded) {
            if (c.getValue().name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    @Override
    public boolean isLeaf() {
        return !getValue().kind().isContainer();
    }
}
