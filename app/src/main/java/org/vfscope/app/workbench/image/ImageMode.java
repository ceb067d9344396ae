package org.vfscope.app.workbench.image;

/** How the open image may change, as the status bar names it. */
public enum ImageMode {
    /** Browsing only: nothing can be written. */
    READ_ONLY("read-only"),
    /** Editing switched on: changes collect in the copy-on-write overlay, the file is untouched. */
    OVERLAY("editing (overlay)"),
    /** A commit is writing the overlay into the image file. */
    WRITING("writing to image");

    private final String label;

    ImageMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
