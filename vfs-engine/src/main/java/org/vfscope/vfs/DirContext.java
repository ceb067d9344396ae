package org.vfscope.vfs;

/**
 * {@code struct dir_context}: the cursor {@code iterate_shared} fills. {@link #emit} is the
 * kernel's {@code dir_emit}: it returns false when the caller's buffer is full, and the filesystem
 * must then stop without advancing {@link #pos()}.
 */
public abstract class DirContext {
    private long pos;

    protected DirContext(long pos) {
        this.pos = pos;
    }

    public long pos() {
        return pos;
    }

    public void setPos(long pos) {
        this.pos = pos;
    }

    /** Offers one entry; {@code false} means the buffer is full. */
    public abstract boolean emit(String name, long ino, int dtype);
}
