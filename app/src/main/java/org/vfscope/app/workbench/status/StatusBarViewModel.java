package org.vfscope.app.workbench.status;

import java.util.Locale;
import java.util.function.Supplier;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import org.vfscope.app.image.Sizes;
import org.vfscope.app.workbench.WorkbenchModel;
import org.vfscope.trace.EngineSnapshot;

/** The status bar's texts: image, mode, page-cache dirty / writeback counts, memory. */
public final class StatusBarViewModel {
    private final WorkbenchModel model;
    private final Supplier<EngineSnapshot> latest;
    private final StringProperty image = new SimpleStringProperty(this, "image", "No image");
    private final StringProperty mode = new SimpleStringProperty(this, "mode", "");
    private final StringProperty cache = new SimpleStringProperty(this, "cache", "");
    private final StringProperty memory = new SimpleStringProperty(this, "memory", "");

    public StatusBarViewModel(WorkbenchModel model, Supplier<EngineSnapshot> latest) {
        this.model = model;
        this.latest = latest;
        refresh();
    }

    public WorkbenchModel model() {
        return model;
    }

    public StringProperty imageText() {
        return image;
    }

    public StringProperty modeText() {
        return mode;
    }

    public StringProperty cacheText() {
        return cache;
    }

    public StringProperty memoryText() {
        return memory;
    }

    public void refresh() {
        image.set(model.workspace() == null ? "No image" : model.workspace().name());
        mode.set(model.workspace() == null ? "—" : model.modeProperty().get().label());
        EngineSnapshot s = latest.get();
        cache.set(s == null ? "Pages —" : cacheText(s.pageCache().nrPages(), s.pageCache().nrDirty(), s.pageCache().nrWriteback()));
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        memory.set(Sizes.human(used / (1 << 20) * (1 << 20)) + " / " + Sizes.human(rt.maxMemory() / (1 << 20) * (1 << 20)));
    }

    static String cacheText(long pages, long dirty, long writeback) {
        return String.format(Locale.ROOT, "Pages %d · dirty %d · writeback %d", pages, dirty, writeback);
    }
}
