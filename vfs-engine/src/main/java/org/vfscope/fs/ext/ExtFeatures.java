package org.vfscope.fs.ext;

import java.util.ArrayList;
import java.util.List;

/**
 * The superblock feature bits (compat, incompat, ro_compat) of Documentation/filesystems/ext4/
 * super.rst, with the names mke2fs and dumpe2fs use, and the sets each driver personality takes.
 */
public final class ExtFeatures {
    // s_feature_compat
    public static final int COMPAT_DIR_PREALLOC = 0x1;
    public static final int COMPAT_IMAGIC_INODES = 0x2;
    public static final int COMPAT_HAS_JOURNAL = 0x4;
    public static final int COMPAT_EXT_ATTR = 0x8;
    public static final int COMPAT_RESIZE_INODE = 0x10;
    public static final int COMPAT_DIR_INDEX = 0x20;
    public static final int COMPAT_SPARSE_SUPER2 = 0x200;
    public static final int COMPAT_FAST_COMMIT = 0x400;
    public static final int COMPAT_STABLE_INODES = 0x800;
    public static final int COMPAT_ORPHAN_FILE = 0x1000;

    // s_feature_incompat
    public static final int INCOMPAT_COMPRESSION = 0x1;
    public static final int INCOMPAT_FILETYPE = 0x2;
    public static final int INCOMPAT_RECOVER = 0x4;
    public static final int INCOMPAT_JOURNAL_DEV = 0x8;
    public static final int INCOMPAT_META_BG = 0x10;
    public static final int INCOMPAT_EXTENTS = 0x40;
    public static final int INCOMPAT_64BIT = 0x80;
    public static final int INCOMPAT_MMP = 0x100;
    public static final int INCOMPAT_FLEX_BG = 0x200;
    public static final int INCOMPAT_EA_INODE = 0x400;
    public static final int INCOMPAT_DIRDATA = 0x1000;
    public static final int INCOMPAT_CSUM_SEED = 0x2000;
    public static final int INCOMPAT_LARGEDIR = 0x4000;
    public static final int INCOMPAT_INLINE_DATA = 0x8000;
    public static final int INCOMPAT_ENCRYPT = 0x10000;
    public static final int INCOMPAT_CASEFOLD = 0x20000;

    // s_feature_ro_compat
    public static final int RO_COMPAT_SPARSE_SUPER = 0x1;
    public static final int RO_COMPAT_LARGE_FILE = 0x2;
    public static final int RO_COMPAT_BTREE_DIR = 0x4;
    public static final int RO_COMPAT_HUGE_FILE = 0x8;
    public static final int RO_COMPAT_GDT_CSUM = 0x10;
    public static final int RO_COMPAT_DIR_NLINK = 0x20;
    public static final int RO_COMPAT_EXTRA_ISIZE = 0x40;
    public static final int RO_COMPAT_QUOTA = 0x100;
    public static final int RO_COMPAT_BIGALLOC = 0x200;
    public static final int RO_COMPAT_METADATA_CSUM = 0x400;
    public static final int RO_COMPAT_READONLY = 0x1000;
    public static final int RO_COMPAT_PROJECT = 0x2000;
    public static final int RO_COMPAT_VERITY = 0x8000;
    public static final int RO_COMPAT_ORPHAN_PRESENT = 0x10000;

    /** What this reader understands; an image with other incompat bits is refused (EINVAL). */
    public static final int INCOMPAT_SUPPORTED = INCOMPAT_FILETYPE | INCOMPAT_RECOVER | INCOMPAT_META_BG
            | INCOMPAT_EXTENTS | INCOMPAT_64BIT | INCOMPAT_MMP | INCOMPAT_FLEX_BG | INCOMPAT_EA_INODE
            | INCOMPAT_CSUM_SEED | INCOMPAT_LARGEDIR | INCOMPAT_INLINE_DATA;
    /** EXT2_FEATURE_INCOMPAT_SUPP: mounting as "ext2" allows only these. */
    public static final int EXT2_INCOMPAT = INCOMPAT_FILETYPE | INCOMPAT_META_BG;
    /** EXT3_FEATURE_INCOMPAT_SUPP. */
    public static final int EXT3_INCOMPAT = INCOMPAT_FILETYPE | INCOMPAT_RECOVER | INCOMPAT_META_BG;
    /** EXT2/EXT3_FEATURE_RO_COMPAT_SUPP, used by the prober to tell ext2/3 from ext4 (as blkid). */
    public static final int EXT3_RO_COMPAT = RO_COMPAT_SPARSE_SUPER | RO_COMPAT_LARGE_FILE | RO_COMPAT_BTREE_DIR;

    private static final String[] COMPAT_NAMES = {"dir_prealloc", "imagic_inodes", "has_journal", "ext_attr",
        "resize_inode", "dir_index", "lazy_bg", "exclude_inode", "exclude_bitmap", "sparse_super2",
        "fast_commit", "stable_inodes", "orphan_file"};
    private static final String[] INCOMPAT_NAMES = {"compression", "filetype", "needs_recovery", "journal_dev",
        "meta_bg", null, "extent", "64bit", "mmp", "flex_bg", "ea_inode", null, "dirdata", "metadata_csum_seed",
        "large_dir", "inline_data", "encrypt", "casefold"};
    private static final String[] RO_COMPAT_NAMES = {"sparse_super", "large_file", "btree_dir", "huge_file",
        "uninit_bg", "dir_nlink", "extra_isize", "snapshot", "quota", "bigalloc", "metadata_csum", "replica",
        "read-only", "project", "shared_blocks", "verity", "orphan_present"};

    private ExtFeatures() {
    }

    /** dumpe2fs-style names of the set bits, "FEATURE_C12"-style for unnamed ones. */
    public static List<String> names(int compat, int incompat, int roCompat) {
        List<String> out = new ArrayList<>();
        add(out, compat, COMPAT_NAMES, "FEATURE_C");
        add(out, incompat, INCOMPAT_NAMES, "FEATURE_I");
        add(out, roCompat, RO_COMPAT_NAMES, "FEATURE_R");
        return out;
    }

    private static void add(List<String> out, int bits, String[] names, String unknown) {
        for (int i = 0; i < 32; i++) {
            if ((bits & (1 << i)) != 0) {
                out.add(i < names.length && names[i] != null ? names[i] : unknown + i);
            }
        }
    }
}
