package org.vfscope.app.workbench.dock;

/** Where a docked tool window lives: the left or right side of the editors, or under them. */
public enum DockSide {
    LEFT("Left"), RIGHT("Right"), BOTTOM("Bottom");

    private final String title;

    DockSide(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
