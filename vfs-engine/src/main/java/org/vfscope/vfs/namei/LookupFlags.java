package org.vfscope.vfs.namei;

/** The LOOKUP_* flags of include/linux/namei.h that path walk honours. */
public final class LookupFlags {
    /** Follow a symlink in the last component. */
    public static final int FOLLOW = 0x0001;
    /** The result must be a directory (also implied by a trailing slash). */
    public static final int DIRECTORY = 0x0002;

    private LookupFlags() {
    }
}
