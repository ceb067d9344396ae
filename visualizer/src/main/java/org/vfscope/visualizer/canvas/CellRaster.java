package org.vfscope.visualizer.canvas;

import java.nio.IntBuffer;
import java.util.Arrays;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * Thousands of small cells painted as pixels into an ARGB buffer, then put on the canvas as one
 * image: a software pipeline draws 100k cells this way in a few milliseconds, where 100k
 * {@code fillRect} calls would take a frame each. The image is backed by the buffer itself
 * ({@link PixelBuffer}, premultiplied ARGB as the software pipeline's textures are), so putting
 * it on the canvas converts and copies nothing. The buffer and image are reused while the size
 * stays. Pixel methods clip to the buffer. FX thread for {@link #drawTo}; the rest is plain Java.
 */
public final class CellRaster {
    private int width;
    private int height;
    private int[] pixels = new int[0];
    private PixelBuffer<IntBuffer> buffer;
    private WritableImage image;

    /** Resizes (when needed) and fills with {@code argb}. */
    public void reset(int width, int height, int argb) {
        width = Math.max(1, width);
        height = Math.max(1, height);
        if (width != this.width || height != this.height) {
            this.width = width;
            this.height = height;
            pixels = new int[width * height];
            buffer = null;
            image = null;
        }
        Arrays.fill(pixels, argb);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int pixel(int x, int y) {
        return pixels[y * width + x];
    }

    /** Fills the rectangle, clipped to the buffer. */
    public void fill(int x, int y, int w, int h, int argb) {
        int x0 = Math.max(0, x);
        int y0 = Math.max(0, y);
        int x1 = Math.min(width, x + w);
        int y1 = Math.min(height, y + h);
        if (x0 >= x1) {
            return;
        }
        int[] p = pixels;
        for (int row = y0, base = y0 * width; row < y1; row++, base += width) {
            if (x1 - x0 == 1) {
                p[base + x0] = argb;
            } else {
                Arrays.fill(p, base + x0, base + x1, argb);
            }
        }
    }

    /** A one-pixel outline just inside the rectangle. */
    public void outline(int x, int y, int w, int h, int argb) {
        fill(x, y, w, 1, argb);
        fill(x, y + h - 1, w, 1, argb);
        fill(x, y, 1, h, argb);
        fill(x + w - 1, y, 1, h, argb);
    }

    /** Puts the buffer on the canvas at {@code (x, y)}. */
    public void drawTo(GraphicsContext g, double x, double y) {
        if (image == null) {
            buffer = new PixelBuffer<>(width, height, IntBuffer.wrap(pixels), PixelFormat.getIntArgbPreInstance());
            image = new WritableImage(buffer);
        } else {
            buffer.updateBuffer(b -> null); // all of it changed
        }
        g.drawImage(image, x, y);
    }
}
