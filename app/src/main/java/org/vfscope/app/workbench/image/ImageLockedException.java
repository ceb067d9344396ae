package org.vfscope.app.workbench.image;

/** Another VFScope already edits this image: two writers would corrupt it. */
public final class ImageLockedException extends Exception {
    private static final long serialVersionUID = 1L;

    public ImageLockedException(String message) {
        super(message);
    }
}
