package org.vfscope.app.workbench.settings;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import org.vfscope.app.workbench.dock.DockLayout;

/**
 * What the workbench remembers between runs, stored as JSON: window, layout, theme, recent
 * images and open tabs. Unknown fields are ignored, so older and newer versions can share a file.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public final class Settings {
    public static final int MAX_RECENT = 10;

    /** One open editor tab. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class OpenTab {
        public String image;
        public int volume;
        public String path;
        public String kind;
        /** The tab that was in front when the workbench closed. */
        public boolean selected;

        public OpenTab() {
        }

        public OpenTab(String image, int volume, String path, String kind) {
            this.image = image;
            this.volume = volume;
            this.path = path;
            this.kind = kind;
        }
    }

    public String theme = "light";
    public double windowX = Double.NaN;
    public double windowY = Double.NaN;
    public double windowWidth = 1440;
    public double windowHeight = 900;
    public boolean maximized;
    /** Where the tool windows are, which show, and the sides' sizes; null until the first save. */
    public DockLayout.State toolWindows;
    public List<String> recentImages = new ArrayList<>();
    public List<OpenTab> openTabs = new ArrayList<>();

    /** Puts {@code image} first in the recent list, once, keeping at most {@value #MAX_RECENT}. */
    public void addRecent(String image) {
        recentImages.remove(image);
        recentImages.add(0, image);
        while (recentImages.size() > MAX_RECENT) {
            recentImages.remove(recentImages.size() - 1);
        }
    }
}
