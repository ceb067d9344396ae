package org.vfscope.app.workbench.inspector;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.vfscope.app.image.Machine;
import org.vfscope.app.workbench.WorkbenchModel;
import org.vfscope.app.workbench.editor.FieldRow;
import org.vfscope.app.workbench.explorer.FsNode;
import org.vfscope.app.workbench.image.VolumeEntry;
import org.vfscope.trace.DentryInfo;
import org.vfscope.trace.EngineSnapshot;
import org.vfscope.trace.InodeInfo;
import org.vfscope.trace.PageInfo;
import org.vfscope.vfs.FileMode;
import org.vfscope.vfs.Stat;

/**
 * The Inspector's rows for the selection: stat fields (read in the background), and what the
 * caches hold of it, taken from the latest snapshot the cache views polled (no extra cost, no
 * side effect on the caches): the dentry's state, the inode's i_state, its cached and dirty pages.
 */
public final class InspectorViewModel {
    private final WorkbenchModel model;
    private final Supplier<EngineSnapshot> latest;
    private final ObservableList<FieldRow> rows = FXCollections.observableArrayList();
    private long generation;

    public InspectorViewModel(WorkbenchModel model, Supplier<EngineSnapshot> latest) {
        this.model = model;
        this.latest = latest;
        model.selectionProperty().addListener((o, was, now) -> refresh());
    }

    public ObservableList<FieldRow> rows() {
        return rows;
    }

    /** Reads the selection again (also called on a timer while the inspector shows). */
    public void refresh() {
        FsNode n = model.selectionProperty().get();
        long gen = ++generation;
        if (n == null || model.workspace() == null) {
            rows.clear();
            return;
        }
        if (n.kind() == FsNode.Kind.IMAGE) {
            List<FieldRow> r = new ArrayList<>();
            r.add(new FieldRow("Image", "name", model.workspace().name()));
            r.add(new FieldRow("Image", "file", model.workspace().image().map(Object::toString).orElse("(in memory)")));
            r.add(new FieldRow("Image", "mode", model.modeProperty().get().label()));
            for (VolumeEntry v : model.workspace().volumes()) {
                r.add(new FieldRow("Volumes", "volume " + (v.index() + 1), v.label()));
            }
            rows.setAll(r);
            return;
        }
        model.tasks().submit("Inspect " + n.path(), p -> rowsFor(model.workspace().machine(n.volume()), n),
                r -> {
                    if (gen == generation) {
                        rows.setAll(r);
                    }
                },
                m -> {
                    if (gen == generation) {
                        rows.setAll(List.of(new FieldRow("Error", "stat", m)));
                    }
                });
    }

    List<FieldRow> rowsFor(Machine m, FsNode n) {
        List<FieldRow> r = new ArrayList<>();
        Stat st = m.process().lstat(n.path());
        r.add(new FieldRow("File", "path", n.path()));
        r.add(new FieldRow("File", "type", FileMode.toString(st.mode())));
        r.add(new FieldRow("File", "size", st.size() + " bytes"));
        r.add(new FieldRow("File", "inode", Long.toString(st.ino())));
        r.add(new FieldRow("File", "links", Integer.toString(st.nlink())));
        r.add(new FieldRow("File", "owner", st.uid() + ":" + st.gid()));
        r.add(new FieldRow("File", "mode", String.format("%04o", st.permissions())));
        r.add(new FieldRow("File", "blocks", st.blocks() + " × 512 B"));
        r.add(new FieldRow("File", "modified", String.valueOf(st.mtime())));
        if (st.isSymlink()) {
            r.add(new FieldRow("File", "target", m.process().readlink(n.path())));
        }
        long dev = m.rootSuperBlock().dev();
        EngineSnapshot s = latest.get();
        if (s == null) {
            r.add(new FieldRow("Caches", "snapshot", "not taken yet"));
            return r;
        }
        r.addAll(cacheRows(s, dev, st.ino(), n.name()));
        return r;
    }

    /** What the snapshot says about inode {@code ino} of device {@code dev} and its dentry {@code name}. */
    static List<FieldRow> cacheRows(EngineSnapshot s, long dev, long ino, String name) {
        List<FieldRow> r = new ArrayList<>();
        DentryInfo d = s.dcache().dentries().stream()
                .filter(x -> x.dev() == dev && x.ino() == ino && (x.name().equals(name) || x.isRoot())).findFirst().orElse(null);
        if (d == null) {
            r.add(new FieldRow("Dentry cache", "dentry", "not cached"));
        } else {
            r.add(new FieldRow("Dentry cache", "state", d.state().name()));
            r.add(new FieldRow("Dentry cache", "d_count", Integer.toString(d.count())));
            r.add(new FieldRow("Dentry cache", "flags", d.flags().toString()));
            r.add(new FieldRow("Dentry cache", "LRU position", d.onLru() ? Integer.toString(d.lruPosition()) : "not on LRU"));
        }
        InodeInfo i = s.icache().inodes().stream().filter(x -> x.dev() == dev && x.ino() == ino).findFirst().orElse(null);
        if (i == null) {
            r.add(new FieldRow("Inode cache", "inode", "not cached"));
        } else {
            r.add(new FieldRow("Inode cache", "i_state", i.state().isEmpty() ? "(clean)" : i.state().toString()));
            r.add(new FieldRow("Inode cache", "i_count", Integer.toString(i.count())));
            r.add(new FieldRow("Inode cache", "writeback list", i.ioList().name()));
            r.add(new FieldRow("Inode cache", "LRU position", i.onLru() ? Integer.toString(i.lruPosition()) : "not on LRU"));
            r.add(new FieldRow("Page cache", "cached pages", Integer.toString(i.cachedPages())));
            r.add(new FieldRow("Page cache", "dirty pages", Integer.toString(i.dirtyPages())));
        }
        long active = 0;
        long inactive = 0;
        for (PageInfo p : s.pageCache().pages()) {
            if (p.dev() == dev && p.ino() == ino) {
                if (p.lru() == org.vfscope.trace.PageLru.ACTIVE) {
                    active++;
                } else if (p.lru() == org.vfscope.trace.PageLru.INACTIVE) {
                    inactive++;
                }
            }
        }
        r.add(new FieldRow("Page cache", "on LRU (active / inactive)", active + " / " + inactive));
        return r;
    }
}
