package org.vfscope.app.workbench.editor;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.StackPane;

import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The editor area: one tab per input, "*" in the title while dirty, and a save prompt (through
 * {@code confirmClose}) when a dirty tab closes. Shows {@code empty} when no tab is open.
 */
public final class EditorTabsView extends StackPane {
    private final EditorTabsViewModel viewModel;
    private final TabPane tabs = new TabPane();
    private final Map<EditorInput, Tab> byInput = new HashMap<>();
    private final Map<EditorInput, Node> contents = new HashMap<>();
    /** Where restored tabs belong among each other, while they arrive in any order. */
    private final Map<EditorInput, Integer> restoredRank = new HashMap<>();
    private Function<EditorDocument, Boolean> confirmClose = d -> true;

    public EditorTabsView(EditorTabsViewModel viewModel, Node empty) {
        this.viewModel = viewModel;
        setId("editors");
        tabs.setId("editor-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.ALL_TABS);
        tabs.getStyleClass().add("editor-tabs");
        tabs.getSelectionModel().selectedItemProperty().addListener((o, was, now) ->
                viewModel.activeProperty().set(now == null ? null : (EditorInput) now.getUserData()));
        getChildren().addAll(empty, tabs);
        tabs.visibleProperty().bind(Bindings.isNotEmpty(tabs.getTabs()));
        empty.visibleProperty().bind(Bindings.isEmpty(tabs.getTabs()));
    }

    /** Asked before a dirty tab closes: true to close (after saving or discarding), false to keep it. */
    public void setConfirmClose(Function<EditorDocument, Boolean> confirm) {
        this.confirmClose = confirm;
    }

    public TabPane tabs() {
        return tabs;
    }

    /** Opens {@code input}, or selects its tab if it is open already. */
    public void open(EditorInput input, Consumer<Node> onShown) {
        Tab existing = byInput.get(input);
        if (existing != null) {
            tabs.getSelectionModel().select(existing);
            onShown.accept(contents.get(input));
            return;
        }
        viewModel.load(input, loaded -> {
            Tab again = byInput.get(loaded.input());
            if (again != null) {
                tabs.getSelectionModel().select(again);
                return;
            }
            Tab tab = add(loaded, tabs.getTabs().size());
            tabs.getSelectionModel().select(tab);
            onShown.accept(tab.getContent());
        });
    }

    /**
     * Opens the tabs of an earlier session: they load in parallel but take their places in the
     * order of {@code inputs}, and {@code selected} (if among them) ends up in front.
     */
    public void restore(List<EditorInput> inputs, EditorInput selected) {
        Map<EditorInput, Integer> rank = new HashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            rank.putIfAbsent(inputs.get(i), i);
        }
        for (EditorInput input : inputs) {
            if (byInput.containsKey(input)) {
                continue;
            }
            int mine = rank.get(input);
            viewModel.load(input, loaded -> {
                if (byInput.containsKey(loaded.input())) {
                    return;
                }
                restoredRank.put(loaded.input(), mine);
                int at = 0;
                while (at < tabs.getTabs().size()
                        && restoredRank.getOrDefault((EditorInput) tabs.getTabs().get(at).getUserData(), Integer.MAX_VALUE) < mine) {
                    at++;
                }
                Tab tab = add(loaded, at);
                if (input.equals(selected)) {
                    tabs.getSelectionModel().select(tab);
                }
            });
        }
    }

    private Tab add(Loaded loaded, int index) {
        Node content = contentOf(loaded);
        Tab tab = tab(loaded, content);
        byInput.put(loaded.input(), tab);
        contents.put(loaded.input(), content);
        tabs.getTabs().add(index, tab);
        return tab;
    }

    /** The open tabs' inputs, left to right. */
    public List<EditorInput> inputsInOrder() {
        return tabs.getTabs().stream().map(t -> (EditorInput) t.getUserData()).toList();
    }

    /** The input of the tab in front, or null. */
    public EditorInput selectedInput() {
        Tab t = tabs.getSelectionModel().getSelectedItem();
        return t == null ? null : (EditorInput) t.getUserData();
    }

    private static Node contentOf(Loaded loaded) {
        if (loaded instanceof Loaded.Text t) {
            return new TextEditorView(t.document());
        }
        if (loaded instanceof Loaded.Hex h) {
            return new HexEditorView(h.document());
        }
        if (loaded instanceof Loaded.Inode i) {
            return new InodeView(i.report());
        }
        return new SuperblockView(((Loaded.Superblock) loaded).report());
    }

    private Tab tab(Loaded loaded, Node content) {
        EditorInput input = loaded.input();
        Tab tab = new Tab(input.title(), content);
        tab.setUserData(input);
        tab.setId("tab-" + input.kind().name().toLowerCase(java.util.Locale.ROOT) + "-" + input.path().replace('/', '_'));
        tab.setGraphic(new FontIcon(switch (input.kind()) {
            case TEXT -> Feather.FILE_TEXT;
            case HEX -> Feather.HASH;
            case INODE -> Feather.INFO;
            case SUPERBLOCK -> Feather.LAYERS;
        }));
        tab.setTooltip(new javafx.scene.control.Tooltip(input.path()));
        EditorDocument doc = viewModel.document(input);
        if (doc != null) {
            tab.textProperty().bind(Bindings.when(doc.dirtyProperty()).then("*" + input.title()).otherwise(input.title()));
        }
        tab.setOnCloseRequest(e -> {
            if (doc != null && doc.isDirty() && !confirmClose.apply(doc)) {
                e.consume();
            }
        });
        tab.setOnClosed(e -> {
            byInput.remove(input);
            contents.remove(input);
            restoredRank.remove(input);
            viewModel.closed(input);
        });
        return tab;
    }

    public Node activeContent() {
        Tab t = tabs.getSelectionModel().getSelectedItem();
        return t == null ? null : t.getContent();
    }

    /** Closes every tab without asking: the caller already asked. */
    public void closeAll() {
        tabs.getTabs().clear();
        byInput.clear();
        contents.clear();
        restoredRank.clear();
        viewModel.closeAll();
    }
}
