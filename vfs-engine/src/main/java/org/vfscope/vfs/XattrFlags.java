package org.vfscope.vfs;

/** setxattr(2) flags and limits (include/uapi/linux/xattr.h, limits.h). */
public final class XattrFlags {
    public static final int XATTR_CREATE = 1;
    public static final int XATTR_REPLACE = 2;
    /** XATTR_NAME_MAX: longest attribute name, prefix included. */
    public static final int XATTR_NAME_MAX = 255;
    /** XATTR_SIZE_MAX: largest attribute value. */
    public static final int XATTR_SIZE_MAX = 65536;

    private XattrFlags() {
    }
}
