package org.vfscope.visualizer.canvas;

/**
 * Zoom and vertical scroll of a view whose content can outgrow its window. Zoom scales cell and
 * row sizes; scroll is in pixels of content, kept within {@code [0, content - window]}. FX thread.
 */
public final class Viewport {
    public static final double MIN_ZOOM = 0.25;
    public static final double MAX_ZOOM = 4;

    private double zoom = 1;
    private double scrollY;
    private double contentHeight;
    private double windowHeight;

    public double zoom() {
        return zoom;
    }

    /** Multiplies the zoom by {@code factor}, within [MIN_ZOOM, MAX_ZOOM]. */
    public void zoomBy(double factor) {
        zoom = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, zoom * factor));
    }

    public void setZoom(double zoom) {
        this.zoom = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, zoom));
    }

    public double scrollY() {
        return scrollY;
    }

    public void scrollBy(double dy) {
        scrollY = clampScroll(scrollY + dy);
    }

    public void scrollTo(double y) {
        scrollY = clampScroll(y);
    }

    /** The scrollable part's content and window heights, as the last layout found them. */
    public void setExtent(double contentHeight, double windowHeight) {
        this.contentHeight = Math.max(0, contentHeight);
        this.windowHeight = Math.max(0, windowHeight);
        scrollY = clampScroll(scrollY);
    }

    public double maxScroll() {
        return Math.max(0, contentHeight - windowHeight);
    }

    private double clampScroll(double y) {
        return Math.max(0, Math.min(maxScroll(), y));
    }
}
