package org.vfscope.vfs;

/** {@code struct kiocb}: one read or write request on an open file and where it stands. */
public final class Kiocb {
    private final OpenFile file;
    private long pos;
    private final boolean append;

    public Kiocb(OpenFile file, long pos, boolean append) {
        this.file = file;
        this.pos = pos;
        this.append = append;
    }

    public OpenFile file() {
        return file;
    }

    public long pos() {
        return pos;
    }

    public void setPos(long pos) {
        this.pos = pos;
    }

    /** IOCB_APPEND: the write goes to the end of file, decided under the inode lock. */
    public boolean append() {
        return append;
    }
}
