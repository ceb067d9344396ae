package org.vfscope.app.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleBooleanProperty;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfscope.app.workbench.action.Action;
import org.vfscope.app.workbench.action.ActionRegistry;
import org.vfscope.app.workbench.action.PaletteViewModel;
import org.vfscope.app.workbench.dock.DockLayout;
import org.vfscope.app.workbench.dock.DockSide;
import org.vfscope.app.workbench.editor.EditorInput;
import org.vfscope.app.workbench.editor.EditorKind;
import org.vfscope.app.workbench.editor.Encodings;
import org.vfscope.app.workbench.editor.HexDocument;
import org.vfscope.app.workbench.editor.HexRows;
import org.vfscope.app.workbench.editor.TextDocument;
import org.vfscope.app.workbench.explorer.Breadcrumb;
import org.vfscope.app.workbench.explorer.DirectoryLoader;
import org.vfscope.app.workbench.explorer.FsNode;
import org.vfscope.app.workbench.explorer.NameFilter;
import org.vfscope.app.workbench.settings.Settings;
import org.vfscope.app.workbench.settings.SettingsStore;
import org.vfscope.app.workbench.task.BackgroundTasks;
import org.vfscope.app.workbench.task.UserMessages;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.FileMode;
import org.vfscope.vfs.VfsException;

/** The workbench's view-model logic, without a window. */
class ViewModelTest {

    @TempDir
    Path tmp;

    private WorkbenchModel model() {
        return new WorkbenchModel(BackgroundTasks.inline(), tmp);
    }

    @Test
    void filterMatchesSubstringsCaseInsensitivelyAndGlobs() {
        assertThat(NameFilter.of("").test("anything")).isTrue();
        assertThat(NameFilter.of("READ").test("README.md")).isTrue();
        assertThat(NameFilter.of("read").test("notes.txt")).isFalse();
        assertThat(NameFilter.of("*.conf").test("fstab.conf")).isTrue();
        assertThat(NameFilter.of("*.conf").test("conf.d")).isFalse();
        assertThat(NameFilter.of("f?tab").test("fstab")).isTrue();
    }

    @Test
    void breadcrumbLeadsFromImageThroughVolumeToEveryDirectory() {
        FsNode image = FsNode.image("disk.img");
        FsNode volume = FsNode.volume(0, "ext4, 16 MiB");
        FsNode file = new FsNode(FsNode.Kind.FILE, "motd", 0, "/etc/ssh/motd", 12);
        List<Breadcrumb.Segment> crumbs = Breadcrumb.of(image, volume, file);
        assertThat(crumbs).extracting(Breadcrumb.Segment::label).containsExactly("disk.img", "ext4, 16 MiB", "etc", "ssh", "motd");
        assertThat(crumbs.get(3).target().path()).isEqualTo("/etc/ssh");
        assertThat(crumbs.get(3).target().kind()).isEqualTo(FsNode.Kind.DIRECTORY);
        assertThat(crumbs.get(4).target()).isEqualTo(file);
        assertThat(Breadcrumb.of(image, null, image)).hasSize(1);
    }

    @Test
    void directoriesSortFirstThenNamesInByteOrder() {
        FsNode dir = FsNode.volume(0, "v");
        List<FsNode> nodes = new ArrayList<>(List.of(FsNode.child(dir, "b.txt", FileMode.DT_REG, 12),
                FsNode.child(dir, "zdir", FileMode.DT_DIR, 13), FsNode.child(dir, "A", FileMode.DT_REG, 14),
                FsNode.child(dir, "adir", FileMode.DT_DIR, 15)));
        nodes.sort(DirectoryLoader.ORDER);
        assertThat(nodes).extracting(FsNode::name).containsExactly("adir", "zdir", "A", "b.txt");
        assertThat(nodes.get(0).path()).isEqualTo("/adir");
        assertThat(nodes.get(0).parentPath()).isEqualTo("/");
    }

    @Test
    void chunksCoverEveryEntryOnceInOrder() {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < 4_500; i++) {
            all.add(i);
        }
        List<List<Integer>> chunks = DirectoryLoader.chunks(all, 2000);
        assertThat(chunks).extracting(List::size).containsExactly(2000, 2000, 500);
        assertThat(chunks.stream().flatMap(List::stream).toList()).isEqualTo(all);
    }

    @Test
    void registryFindsActionsByIdAndShortcutAndRejectsDuplicates() {
        ActionRegistry r = new ActionRegistry();
        int[] ran = {0};
        r.add("file.save", "File", "Save", "Shortcut+S", null, null, () -> ran[0]++);
        r.add("view.theme", "View", "Toggle Dark Theme", "", null, null, () -> { });
        assertThat(r.find("file.save")).isPresent();
        assertThat(r.byShortcut("shortcut+s").map(Action::id)).contains("file.save");
        assertThat(r.inCategory("View")).extracting(Action::id).containsExactly("view.theme");
        assertThatThrownBy(() -> r.add("file.save", "File", "Again", "", null, null, () -> { }))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(r.get("file.save").runIfEnabled()).isTrue();
        assertThat(ran[0]).isEqualTo(1);
        assertThat(r.get("file.save").shortcutText()).isEqualTo("Ctrl+S");
    }

    @Test
    void disabledActionsDoNotRun() {
        SimpleBooleanProperty enabled = new SimpleBooleanProperty(false);
        int[] ran = {0};
        Action a = new Action("image.commit", "Image", "Commit to Image…", "", null, enabled, () -> ran[0]++);
        assertThat(a.runIfEnabled()).isFalse();
        enabled.set(true);
        assertThat(a.runIfEnabled()).isTrue();
        assertThat(ran[0]).isEqualTo(1);
    }

    @Test
    void paletteRanksTitlePrefixFirstThenWordsThenLetters() {
        ActionRegistry r = new ActionRegistry();
        r.add("demo.drop3", "Demo", "Drop Caches 3 (all)", "", null, null, () -> { });
        r.add("image.commit", "Image", "Commit to Image…", "", null, null, () -> { });
        r.add("image.enableEditing", "Image", "Enable Editing", "", null, null, () -> { });
        r.add("view.theme", "View", "Toggle Dark Theme", "", null, null, () -> { });
        PaletteViewModel p = new PaletteViewModel(r);
        assertThat(p.results()).hasSize(4);
        p.queryProperty().set("commit");
        assertThat(p.results()).extracting(Action::id).first().isEqualTo("image.commit");
        p.queryProperty().set("dark");
        assertThat(p.results()).extracting(Action::id).containsExactly("view.theme");
        p.queryProperty().set("image edit");
        assertThat(p.results()).extracting(Action::id).containsExactly("image.enableEditing");
        p.queryProperty().set("drcach");
        assertThat(p.results()).extracting(Action::id).containsExactly("demo.drop3");
        p.queryProperty().set("zzz");
        assertThat(p.results()).isEmpty();
    }

    @Test
    void settingsSurviveARoundTripAndABrokenFileGivesDefaults() throws Exception {
        SettingsStore store = new SettingsStore(tmp.resolve("cfg"));
        assertThat(store.load().theme).isEqualTo("light");
        Settings s = new Settings();
        s.theme = "dark";
        s.windowWidth = 1234;
        DockLayout dock = new DockLayout();
        dock.register("pages", DockSide.BOTTOM, true);
        dock.register("problems", DockSide.BOTTOM, false);
        dock.moveTo("pages", DockSide.RIGHT);
        dock.setFloating("problems");
        dock.setFloatingBounds("problems", 10, 20, 300, 200);
        dock.setSize(DockSide.RIGHT, 0.3);
        s.toolWindows = dock.state();
        for (int i = 0; i < 15; i++) {
            s.addRecent("/img/" + i + ".img");
        }
        s.addRecent("/img/3.img");
        s.openTabs.add(new Settings.OpenTab("/img/3.img", 0, "/etc/motd", "TEXT"));
        s.openTabs.get(0).selected = true;
        store.save(s);
        Settings back = store.load();
        assertThat(back.theme).isEqualTo("dark");
        assertThat(back.windowWidth).isEqualTo(1234);
        DockLayout restored = new DockLayout();
        restored.register("pages", DockSide.BOTTOM, true);
        restored.register("problems", DockSide.BOTTOM, false);
        restored.restore(back.toolWindows);
        assertThat(restored.shownOn(DockSide.RIGHT)).containsExactly("pages");
        assertThat(restored.floatingShown()).containsExactly("problems");
        assertThat(restored.floatingBounds("problems")).containsExactly(10, 20, 300, 200);
        assertThat(restored.size(DockSide.RIGHT)).isEqualTo(0.3);
        assertThat(back.recentImages).hasSize(Settings.MAX_RECENT).first().isEqualTo("/img/3.img");
        assertThat(back.openTabs).singleElement().satisfies(t -> {
            assertThat(t.path).isEqualTo("/etc/motd");
            assertThat(t.selected).isTrue();
        });
        java.nio.file.Files.writeString(tmp.resolve("cfg/settings.json"), "{ not json");
        assertThat(store.load().theme).isEqualTo("light");
    }

    @Test
    void configDirFollowsXdg() {
        assertThat(SettingsStore.defaultDir(java.util.Map.of("XDG_CONFIG_HOME", "/x/cfg"))).isEqualTo(Path.of("/x/cfg/vfscope"));
        assertThat(SettingsStore.defaultDir(java.util.Map.of()))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".config", "vfscope"));
    }

    @Test
    void textDocumentIsDirtyOnlyWhileItDiffersFromWhatWasSaved() {
        TextDocument d = new TextDocument(model(), new EditorInput(0, "/f", EditorKind.TEXT),
                "hello\n".getBytes(StandardCharsets.UTF_8));
        assertThat(d.isDirty()).isFalse();
        d.setText("hello, world\n");
        assertThat(d.isDirty()).isTrue();
        d.setText("hello\n");
        assertThat(d.isDirty()).as("undone back to the saved text").isFalse();
    }

    @Test
    void encodingsDetectBomsUtf8Latin1AndBinary() {
        assertThat(Encodings.detect("héllo".getBytes(StandardCharsets.UTF_8)).charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(Encodings.detect(new byte[] {'h', (byte) 0xe9}).charset()).isEqualTo(StandardCharsets.ISO_8859_1);
        Encodings.Detected bom = Encodings.detect(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a'});
        assertThat(bom.bom()).isEqualTo(3);
        assertThat(bom.decode(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a'})).isEqualTo("a");
        assertThat(bom.encode("a")).containsExactly(0xEF, 0xBB, 0xBF, 'a');
        assertThat(Encodings.looksBinary(new byte[] {1, 0, 2})).isTrue();
        assertThat(Encodings.looksBinary("text".getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    private HexDocument hex(byte[] data) {
        return new HexDocument(model(), new EditorInput(0, "/bin/x", EditorKind.HEX), data.length,
                (off, len) -> java.util.Arrays.copyOfRange(data, (int) off, (int) off + len));
    }

    @Test
    void hexRowsRenderOffsetHexAndAscii() {
        byte[] data = "Hello, hex world!\u0000\u0001".getBytes(StandardCharsets.ISO_8859_1);
        HexDocument d = hex(data);
        assertThat(HexRows.render(0, d)).isEqualTo(
                "00000000  48 65 6c 6c 6f 2c 20 68  65 78 20 77 6f 72 6c 64  |Hello, hex world|");
        assertThat(HexRows.render(1, d)).startsWith("00000010  21 00 01").endsWith("|!..|");
        assertThat(HexRows.rowCount(0)).isEqualTo(1);
        assertThat(HexRows.rowCount(33)).isEqualTo(3);
        assertThat(HexRows.offset(0x10, 1L << 36)).isEqualTo("000000010");
        assertThat(HexRows.cell(-1)).isEqualTo("··");
        assertThat(HexRows.nibble("f")).isEqualTo(15);
        assertThat(HexRows.nibble("g")).isEqualTo(-1);
    }

    @Test
    void hexEditsAreUndoableAndSavedAsRuns() {
        HexDocument d = hex(new byte[64]);
        d.byteAt(0);
        assertThat(d.set(3, 0xAB)).isTrue();
        assertThat(d.set(4, 0xCD)).isTrue();
        assertThat(d.set(10, 0x01)).isTrue();
        assertThat(d.isDirty()).isTrue();
        assertThat(d.runs()).containsOnlyKeys(3L, 10L);
        assertThat(d.runs().get(3L)).containsExactly(0xAB, 0xCD);
        d.undo();
        assertThat(d.byteAt(10)).isEqualTo(0);
        d.redo();
        assertThat(d.byteAt(10)).isEqualTo(1);
        d.undo();
        d.undo();
        d.undo();
        assertThat(d.isDirty()).as("every edit undone").isFalse();
        assertThat(d.set(1000, 1)).as("past the end").isFalse();
    }

    @Test
    void usersReadMessagesNotStackTraces() {
        assertThat(UserMessages.of(new VfsException(Errno.ENOENT, "/nope"))).contains("/nope");
        assertThat(UserMessages.of(new java.util.concurrent.CompletionException(new IllegalStateException("bad\nthing"))))
                .isEqualTo("bad; thing");
        assertThat(UserMessages.of(new NullPointerException())).isEqualTo("Unexpected null pointer exception");
    }

    @Test
    void backgroundTasksReportResultsAndFailuresAsMessages() {
        BackgroundTasks tasks = BackgroundTasks.inline();
        List<String> seen = new ArrayList<>();
        tasks.submit("ok", p -> 42, r -> seen.add("done " + r), seen::add);
        tasks.submit("fails", p -> {
            throw new VfsException(Errno.EROFS, "/etc/motd");
        }, r -> seen.add("done"), seen::add);
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0)).isEqualTo("done 42");
        assertThat(seen.get(1)).contains("/etc/motd");
        assertThat(tasks.active()).isEmpty();
        assertThat(Bindings.size(tasks.active()).get()).isZero();
    }
}
