package org.vfscope.app.workbench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.MenuBar;
import javafx.scene.control.ToolBar;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.Region;
import javafx.stage.Screen;
import javafx.stage.Stage;

import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import org.vfscope.app.image.Machine;
import org.vfscope.app.workbench.action.ActionControls;
import org.vfscope.app.workbench.action.ActionRegistry;
import org.vfscope.app.workbench.action.PaletteView;
import org.vfscope.app.workbench.action.PaletteViewModel;
import org.vfscope.app.workbench.demo.DemoView;
import org.vfscope.app.workbench.demo.DemoViewModel;
import org.vfscope.app.workbench.editor.EditorDocument;
import org.vfscope.app.workbench.editor.EditorInput;
import org.vfscope.app.workbench.editor.EditorKind;
import org.vfscope.app.workbench.editor.EditorTabsView;
import org.vfscope.app.workbench.editor.EditorTabsViewModel;
import org.vfscope.app.workbench.editor.TextEditorView;
import org.vfscope.app.workbench.explorer.DragExport;
import org.vfscope.app.workbench.explorer.ExplorerView;
import org.vfscope.app.workbench.explorer.ExplorerViewModel;
import org.vfscope.app.workbench.explorer.FileOperations;
import org.vfscope.app.workbench.explorer.FsNode;
import org.vfscope.app.workbench.image.EngineClock;
import org.vfscope.app.workbench.image.ImageWorkspace;
import org.vfscope.app.workbench.inspector.InspectorView;
import org.vfscope.app.workbench.inspector.InspectorViewModel;
import org.vfscope.app.workbench.settings.Settings;
import org.vfscope.app.workbench.settings.SettingsStore;
import org.vfscope.app.workbench.status.StatusBarView;
import org.vfscope.app.workbench.status.StatusBarViewModel;
import org.vfscope.app.workbench.task.BackgroundTasks;
import org.vfscope.app.workbench.task.FxThread;
import org.vfscope.app.workbench.tools.CacheWindows;
import org.vfscope.app.workbench.tools.EventLogView;
import org.vfscope.app.workbench.tools.EventLogViewModel;
import org.vfscope.app.workbench.tools.Problem;
import org.vfscope.app.workbench.tools.ProblemsView;
import org.vfscope.app.workbench.dock.DockSide;
import org.vfscope.app.workbench.dock.DockView;
import org.vfscope.app.workbench.dock.ToolWindow;
import org.vfscope.app.workbench.welcome.WelcomeView;
import org.vfscope.visualizer.CacheViews;
import org.vfscope.visualizer.Theme;

/**
 * The composition root of the main window: builds the models, views and the one action
 * registry, wires them together, and restores and saves the settings.
 */
public final class Workbench {
    static final String EXPLORER = "explorer";
    static final String INSPECTOR = "inspector";
    static final String EVENTS = "events";
    static final String PROBLEMS = "problems";
    static final String DEMO = "demo";
    private static final Map<CacheViews.Kind, String> CACHE_TITLES = new EnumMap<>(Map.of(
            CacheViews.Kind.DENTRIES, "Dentry Cache", CacheViews.Kind.INODES, "Inode Cache",
            CacheViews.Kind.PAGES, "Page Cache", CacheViews.Kind.WRITEBACK, "Writeback", CacheViews.Kind.BLOCKS, "Block I/O"));
    private static final Map<CacheViews.Kind, Feather> CACHE_ICONS = new EnumMap<>(Map.of(
            CacheViews.Kind.DENTRIES, Feather.GIT_MERGE, CacheViews.Kind.INODES, Feather.BOX,
            CacheViews.Kind.PAGES, Feather.GRID, CacheViews.Kind.WRITEBACK, Feather.CLOCK, CacheViews.Kind.BLOCKS, Feather.HARD_DRIVE));
    private final Stage stage;
    private final SettingsStore store;
    private final Settings settings;
    private final WorkbenchModel model;
    private final Dialogs dialogs;
    private final ActionRegistry actions = new ActionRegistry();
    private final ActionControls controls = new ActionControls(actions);
    private final ImageController images;
    private final ExplorerViewModel explorerVm;
    private final FileOperations fileOps;
    private final DragExport dragExport;
    private final EditorTabsViewModel editorsVm;
    private final EventLogViewModel eventLog = new EventLogViewModel();
    private final CacheWindows cacheViews = new CacheWindows(eventLog::append);
    private final DockView dock = new DockView();
    private final DemoViewModel demoVm;
    private final StringProperty theme = new SimpleStringProperty(this, "theme", Themes.LIGHT);
    private final BooleanProperty presentation = new SimpleBooleanProperty(this, "presentation");
    private ExplorerView explorer;
    private EditorTabsView editors;
    private DemoView demoView;
    private WorkbenchView view;
    private PaletteView palette;
    private WelcomeView welcome;
    private EngineClock clock;
    private Scene scene;
    private String pendingTabs;
    /** The workspace whose tree was listed last; until the current one's is, its machine waits in pendingPrimary. */
    private ImageWorkspace listedWorkspace;
    private Machine pendingPrimary;

    public Workbench(Stage stage, SettingsStore store, BackgroundTasks tasks, Dialogs dialogs) {
        this(stage, SettingsStore.Loaded.of(store), tasks, dialogs);
    }

    public Workbench(Stage stage, SettingsStore.Loaded loaded, BackgroundTasks tasks, Dialogs dialogs) {
        this.stage = stage;
        this.store = loaded.store();
        this.settings = loaded.settings();
        this.model = new WorkbenchModel(tasks, store.dir());
        this.dialogs = dialogs == null ? new FxDialogs(stage) : dialogs;
        this.images = new ImageController(model, this.dialogs);
        this.explorerVm = new ExplorerViewModel(model);
        this.fileOps = new FileOperations(model);
        this.dragExport = new DragExport(model, DragExport.defaultArea());
        this.editorsVm = new EditorTabsViewModel(model);
        this.demoVm = new DemoViewModel(model);
        model.onError(m -> this.dialogs.error("VFScope", m));
        theme.set(Themes.DARK.equals(settings.theme) ? Themes.DARK : Themes.LIGHT);
    }

    public WorkbenchModel model() {
        return model;
    }

    public ActionRegistry actions() {
        return actions;
    }

    public Settings settings() {
        return settings;
    }

    /** Builds the window's content and shows it; {@code image}, if present, opens at once. */
    public Scene show(Optional<Path> image) {
        Startup.mark("building the window");
        new WorkbenchActions(this).register(actions);
        explorer = new ExplorerView(explorerVm, controls.contextMenu(WorkbenchActions.EXPLORER_CONTEXT));
        explorer.onOpen(n -> openEditor(n, EditorKind.TEXT));
        controls.claimShortcuts(explorer.tree(), WorkbenchActions.EXPLORER_CONTEXT);
        explorer.onDropFiles(this::importFiles);
        explorer.onDragOut(dragExport::begin);
        explorer.onListed(() -> {
            Startup.usable(scene);
            restorePendingTabs();
            ImageWorkspace w = model.workspace();
            listedWorkspace = w;
            if (pendingPrimary != null) {
                // The cache views start after the tree has shown: they are not what a user waits for.
                Machine m = pendingPrimary;
                pendingPrimary = null;
                FxThread.afterNextPulse(scene, () -> {
                    if (w != null && model.workspace() == w) {
                        attachPrimary(m);
                    }
                });
            }
        });
        fileOps.onChanged(dir -> {
            FsNode sel = model.selectionProperty().get();
            explorer.reload(sel == null ? 0 : Math.max(0, sel.volume()), dir);
        });
        welcome = new WelcomeView(textButton("file.open"), textButton("file.demo"), textButton("file.scratch"),
                p -> images.open(p, () -> afterOpen(p)));
        welcome.setRecent(settings.recentImages);
        editors = new EditorTabsView(editorsVm, welcome);
        editors.setConfirmClose(this::confirmClose);
        // As IntelliJ's "always select opened file": the explorer and inspector follow the editor.
        editorsVm.activeProperty().addListener((o, was, now) -> {
            if (now != null && now.kind() != EditorKind.SUPERBLOCK && now.path().startsWith("/")) {
                explorer.reveal(new FsNode(FsNode.Kind.FILE, now.path(), now.volume(), now.path(), 0));
            }
        });

        InspectorViewModel inspectorVm = new InspectorViewModel(model, cacheViews::latest);
        addToolWindows(inspectorVm);
        model.problems().onJump(this::jumpTo);

        StatusBarView status = new StatusBarView(new StatusBarViewModel(model, cacheViews::latest));
        MenuBar menu = new MenuBar(WorkbenchActions.MENUS.entrySet().stream()
                .map(e -> controls.menu(e.getKey(), e.getValue())).toArray(javafx.scene.control.Menu[]::new));
        menu.setUseSystemMenuBar(true);
        ToolBar toolbar = new ToolBar(WorkbenchActions.TOOLBAR.stream()
                .map(id -> id.equals(ActionControls.SEPARATOR) ? (Node) new javafx.scene.control.Separator(javafx.geometry.Orientation.VERTICAL)
                        : controls.button(id)).toArray(Node[]::new));
        toolbar.setId("toolbar");
        view = new WorkbenchView(menu, toolbar, editors, dock, status);
        dock.setOwner(stage, this::styleFloating);
        dock.layout().restore(settings.toolWindows);
        dock.refreshNow();
        palette = new PaletteView(new PaletteViewModel(actions));

        scene = new Scene(view, settings.windowWidth, settings.windowHeight);
        controls.installShortcuts(scene);
        installImageDrop(scene);
        applyTheme();
        theme.addListener((o, was, now) -> applyTheme());
        presentation.addListener((o, was, now) -> applyTheme());

        model.workspaceProperty().addListener((o, was, now) -> onWorkspace(now));
        images.onPrimary(m -> {
            if (listedWorkspace != null && listedWorkspace == model.workspace()) {
                attachPrimary(m);
            } else {
                pendingPrimary = m;
            }
        });
        images.onClosed(() -> {
            editors.closeAll();
            detachPrimary();
        });
        images.onReset(() -> {
            editors.closeAll();
            detachPrimary();
        });

        stage.setScene(scene);
        placeWindow();
        stage.setOnCloseRequest(e -> {
            if (!confirmQuit()) {
                e.consume();
            }
        });
        stage.show();
        Startup.mark("window shown");
        stage.requestFocus();
        explorer.tree().requestFocus();
        image.ifPresent(p -> images.open(p, () -> afterOpen(p)));
        return scene;
    }

    /** The tool windows and where they dock by default; Alt+number are their actions' keys. */
    private void addToolWindows(InspectorViewModel inspectorVm) {
        dock.add(new ToolWindow(EXPLORER, "Explorer", Feather.FOLDER, "", () -> explorer), DockSide.LEFT, true);
        for (CacheViews.Kind k : CacheViews.Kind.values()) {
            dock.add(new ToolWindow(cacheWindowId(k), CACHE_TITLES.get(k), CACHE_ICONS.get(k), "Alt+" + (k.ordinal() + 1),
                    () -> cacheViews.window(k)), DockSide.BOTTOM, k == CacheViews.Kind.DENTRIES);
        }
        dock.add(new ToolWindow(EVENTS, "Event Log", Feather.LIST, "Alt+6", () -> new EventLogView(eventLog)),
                DockSide.BOTTOM, true);
        ToolWindow problems = new ToolWindow(PROBLEMS, "Problems", Feather.ALERT_TRIANGLE, "Alt+7",
                () -> new ProblemsView(model.problems()));
        problems.titleProperty().bind(Bindings.size(model.problems().problems()).asString("Problems (%d)"));
        dock.add(problems, DockSide.BOTTOM, true);
        dock.add(new ToolWindow(DEMO, "Demo", Feather.SLIDERS, "Alt+8", () -> {
            demoView = new DemoView(demoVm);
            return demoView;
        }), DockSide.BOTTOM, true);
        dock.add(new ToolWindow(INSPECTOR, "Inspector", Feather.SIDEBAR, "Alt+9", () -> new InspectorView(inspectorVm)),
                DockSide.RIGHT, true);
    }

    static String cacheWindowId(CacheViews.Kind k) {
        return k.name().toLowerCase(java.util.Locale.ROOT);
    }

    private void styleFloating(Scene s) {
        Themes.apply(s, theme.get(), presentation.get());
    }

    private Button textButton(String id) {
        var a = actions.get(id);
        Button b = new Button(a.title(), a.icon() == null ? null : new FontIcon(a.icon()));
        b.setId("welcome-" + id);
        b.setOnAction(e -> a.runIfEnabled());
        return b;
    }

    private void placeWindow() {
        stage.setTitle("VFScope");
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        stage.setWidth(Math.min(settings.windowWidth, screen.getWidth()));
        stage.setHeight(Math.min(settings.windowHeight, screen.getHeight()));
        if (!Double.isNaN(settings.windowX) && screen.contains(settings.windowX + 20, settings.windowY + 20)) {
            stage.setX(settings.windowX);
            stage.setY(settings.windowY);
        }
        stage.setMaximized(settings.maximized);
    }

    private void installImageDrop(Scene s) {
        s.setOnDragOver(e -> {
            // Only a drag from outside: a file dragged out of the tree is not an image to open.
            if (e.getGestureSource() == null && e.getDragboard().hasFiles() && e.getDragboard().getFiles().size() == 1) {
                e.acceptTransferModes(TransferMode.COPY);
            }
        });
        s.setOnDragDropped(e -> {
            if (e.getGestureSource() == null && e.getDragboard().hasFiles() && e.getDragboard().getFiles().size() == 1) {
                Path p = e.getDragboard().getFiles().get(0).toPath();
                if (Files.isRegularFile(p)) {
                    openImage(p);
                    e.setDropCompleted(true);
                }
            }
        });
    }

    private void applyTheme() {
        Themes.apply(scene, theme.get(), presentation.get());
        dock.restyle();
        cacheViews.themeProperty().set(Themes.DARK.equals(theme.get()) ? Theme.DARK : Theme.LIGHT);
    }

    // ---- image life ----

    public void openImage(Path p) {
        if (confirmDirtyEditors()) {
            images.open(p, () -> afterOpen(p));
        }
    }

    private void afterOpen(Path p) {
        settings.addRecent(p.toAbsolutePath().toString());
        welcome.setRecent(settings.recentImages);
        stage.setTitle(p.getFileName() + " — VFScope");
        pendingTabs = p.toAbsolutePath().toString();
    }

    /** Tabs of the last session come back once the tree is listed, so they never delay it. */
    private void restorePendingTabs() {
        if (pendingTabs != null) {
            String image = pendingTabs;
            pendingTabs = null;
            restoreTabs(image);
        }
    }

    private void onWorkspace(ImageWorkspace w) {
        pendingPrimary = null;
        explorerVm.filterTextProperty().set("");
        if (w == null) {
            stage.setTitle("VFScope");
        } else if (w.isScratch()) {
            stage.setTitle(w.name() + " — VFScope");
        }
    }

    private void attachPrimary(Machine m) {
        detachPrimary();
        cacheViews.attach(m);
        clock = new EngineClock(m.clock());
        demoVm.attach(m, clock);
        if (demoView != null) {
            demoView.reload();
        }
    }

    private void detachPrimary() {
        cacheViews.detach();
        demoVm.detach();
        if (clock != null) {
            clock.close();
            clock = null;
        }
    }

    ImageController images() {
        return images;
    }

    // ---- editors ----

    public void openEditor(FsNode n, EditorKind kind) {
        if (n == null) {
            return;
        }
        if (kind == EditorKind.SUPERBLOCK) {
            int v = n.volume() >= 0 ? n.volume() : model.workspace().primaryVolume().orElse(0);
            editors.open(new EditorInput(v, "/", EditorKind.SUPERBLOCK), c -> { });
            return;
        }
        if (!n.isFsEntry() || (kind != EditorKind.INODE && n.kind().isContainer())) {
            return;
        }
        editors.open(new EditorInput(n.volume(), n.path(), kind), c -> {
            if (c instanceof Region r) {
                r.requestFocus();
            }
        });
    }

    private void restoreTabs(String image) {
        List<EditorInput> inputs = new java.util.ArrayList<>();
        EditorInput selected = null;
        for (Settings.OpenTab t : settings.openTabs) {
            if (image.equals(t.image)) {
                try {
                    EditorInput in = new EditorInput(t.volume, t.path, EditorKind.valueOf(t.kind));
                    inputs.add(in);
                    if (t.selected) {
                        selected = in;
                    }
                } catch (IllegalArgumentException | NullPointerException e) {
                    // A tab kind from another version: skip it.
                }
            }
        }
        editors.restore(inputs, selected);
    }

    private boolean confirmClose(EditorDocument doc) {
        return switch (dialogs.askSave(doc.input().path())) {
            case SAVE -> {
                doc.save(() -> { });
                yield true;
            }
            case DISCARD -> true;
            case CANCEL -> false;
        };
    }

    private boolean confirmDirtyEditors() {
        for (EditorDocument d : editorsVm.dirtyDocuments()) {
            if (!confirmClose(d)) {
                return false;
            }
        }
        return true;
    }

    public EditorTabsViewModel editorsViewModel() {
        return editorsVm;
    }

    public EditorTabsView editors() {
        return editors;
    }

    public void save() {
        editorsVm.saveActive(() -> { });
    }

    public void undo() {
        EditorDocument d = editorsVm.activeDocument();
        if (d != null) {
            d.undo();
        }
    }

    public void redo() {
        EditorDocument d = editorsVm.activeDocument();
        if (d != null) {
            d.redo();
        }
    }

    public void find() {
        if (editors.activeContent() instanceof TextEditorView t) {
            t.showFind();
        } else {
            explorer.focusFilter();
        }
    }

    // ---- explorer operations ----

    FsNode selection() {
        return model.selectionProperty().get();
    }

    /** The directory a "new" operation works in: the selection if a directory, else its parent. */
    FsNode targetDir() {
        FsNode n = selection();
        if (n == null || n.volume() < 0) {
            return null;
        }
        if (n.kind() == FsNode.Kind.VOLUME || n.kind() == FsNode.Kind.DIRECTORY) {
            return n;
        }
        return new FsNode(FsNode.Kind.DIRECTORY, n.parentPath(), n.volume(), n.parentPath(), 0);
    }

    void newFile() {
        FsNode dir = targetDir();
        if (dir != null) {
            dialogs.askText("New File", "Name of the new file in " + dir.path(), "untitled.txt")
                    .ifPresent(name -> fileOps.newFile(dir, name));
        }
    }

    void newFolder() {
        FsNode dir = targetDir();
        if (dir != null) {
            dialogs.askText("New Folder", "Name of the new folder in " + dir.path(), "new-folder")
                    .ifPresent(name -> fileOps.newFolder(dir, name));
        }
    }

    void rename() {
        FsNode n = selection();
        if (n != null && n.isFsEntry()) {
            dialogs.askText("Rename", "New name for " + n.path(), n.name()).ifPresent(name -> fileOps.rename(n, name));
        }
    }

    void delete() {
        FsNode n = selection();
        if (n != null && n.isFsEntry() && !n.path().equals("/")
                && dialogs.confirm("Delete", "Delete " + n.path() + (n.kind() == FsNode.Kind.DIRECTORY
                ? " and everything in it" : "") + "? (Into the overlay: Discard Changes brings it back.)", "Delete")) {
            fileOps.delete(n);
        }
    }

    void importFromHost() {
        importFiles(dialogs.chooseFiles("Import into the image"));
    }

    private void importFiles(List<Path> files) {
        FsNode dir = targetDir();
        if (dir != null && !files.isEmpty()) {
            fileOps.importFromHost(dir, files);
        }
    }

    void exportToHost() {
        FsNode n = selection();
        if (n != null && n.volume() >= 0) {
            dialogs.chooseDirectory("Export " + n.path() + " to").ifPresent(d -> fileOps.exportToHost(n, d));
        }
    }

    void copyPath() {
        FsNode n = selection();
        if (n != null) {
            ClipboardContent c = new ClipboardContent();
            c.putString(n.path().isEmpty() ? model.workspace().image().map(Path::toString).orElse(n.name()) : n.path());
            Clipboard.getSystemClipboard().setContent(c);
            model.notify("Copied " + c.getString());
        }
    }

    private void jumpTo(Problem p) {
        if (p.volume() < 0 || model.workspace() == null) {
            return;
        }
        if (!p.path().isEmpty()) {
            explorer.reveal(new FsNode(FsNode.Kind.FILE, p.path(), p.volume(), p.path(), p.inode()));
        } else if (p.inode() > 0) {
            editors.open(new EditorInput(p.volume(), "#" + p.inode(), EditorKind.INODE), c -> { });
        } else {
            openEditor(explorerVm.volumeNode(p.volume()), EditorKind.SUPERBLOCK);
        }
    }

    // ---- windows, themes, palette ----

    void showPalette() {
        palette.show(stage);
    }

    public PaletteView palette() {
        return palette;
    }

    void toggleTheme() {
        theme.set(Themes.DARK.equals(theme.get()) ? Themes.LIGHT : Themes.DARK);
    }

    public StringProperty themeProperty() {
        return theme;
    }

    void togglePresentation() {
        presentation.set(!presentation.get());
        String front = dock.layout().selected(DockSide.BOTTOM);
        view.maximise(presentation.get() ? (front != null && !EVENTS.equals(front)
                ? dock.area(DockSide.BOTTOM) : view.editors()) : null);
    }

    /** Alt+number: shows the tool window (and focuses it), or hides it when it is in front already. */
    void activateTool(String id) {
        dock.activate(id);
    }

    void toggleToolWindows() {
        dock.layout().toggleAll();
    }

    void showInspector() {
        if (!dock.layout().isShown(INSPECTOR) || !INSPECTOR.equals(dock.layout().selected(dock.layout().side(INSPECTOR)))) {
            dock.activate(INSPECTOR);
        }
    }

    public DockView dock() {
        return dock;
    }

    public WorkbenchView view() {
        return view;
    }

    void openWithChooser() {
        dialogs.chooseImage().ifPresent(this::openImage);
    }

    DemoViewModel demo() {
        return demoVm;
    }

    BooleanBinding hasImage() {
        return model.workspaceProperty().isNotNull();
    }

    BooleanBinding hasSelection() {
        return model.selectionProperty().isNotNull();
    }

    // ---- closing ----

    private boolean confirmQuit() {
        if (!confirmDirtyEditors()) {
            return false;
        }
        ImageWorkspace w = model.workspace();
        if (w != null && !w.isScratch() && model.isEditable()
                && !dialogs.confirm("Quit", "Uncommitted changes in the overlay are dropped when VFScope closes; "
                + "the image file stays as it is. Quit anyway?", "Quit")) {
            return false;
        }
        saveSettings();
        dock.closeFloating();
        images.close();
        dragExport.clean();
        return true;
    }

    /** Writes window, layout, theme, recent images and open tabs to the settings file. */
    public void saveSettings() {
        settings.theme = theme.get();
        settings.maximized = stage.isMaximized();
        if (!stage.isMaximized()) {
            settings.windowX = stage.getX();
            settings.windowY = stage.getY();
            settings.windowWidth = stage.getWidth();
            settings.windowHeight = stage.getHeight();
        }
        dock.rememberFloatingBounds();
        settings.toolWindows = dock.layout().state();
        ImageWorkspace w = model.workspace();
        if (w != null && w.image().isPresent()) {
            String image = w.image().get().toString();
            settings.openTabs.removeIf(t -> image.equals(t.image));
            EditorInput front = editors.selectedInput();
            for (EditorInput in : editors.inputsInOrder()) {
                Settings.OpenTab t = new Settings.OpenTab(image, in.volume(), in.path(), in.kind().name());
                t.selected = in.equals(front);
                settings.openTabs.add(t);
            }
        }
        try {
            store.save(settings);
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(Workbench.class).warn("cannot save settings: {}", e.getMessage());
        }
    }

    public Stage stage() {
        return stage;
    }

    public ExplorerView explorer() {
        return explorer;
    }
}
