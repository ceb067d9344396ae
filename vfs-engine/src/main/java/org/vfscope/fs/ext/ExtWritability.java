package org.vfscope.fs.ext;

import java.util.List;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.VfsException;

/**
 * What this driver can write: ext2 and ext3 as mke2fs makes them (filetype, sparse_super,
 * large_file, ext_attr, dir_index, resize_inode, has_journal, uninit_bg), and ext4 with the
 * feature set of {@code mke2fs -t ext4} (extent, 64bit, flex_bg, huge_file, dir_nlink,
 * extra_isize, metadata_csum, plus metadata_csum_seed, large_dir and orphan_file, whose entries a
 * read-write mount releases, clearing orphan_present, as {@link ExtOrphans} does, and inline_data,
 * whose inline files and directories become block-mapped when written ({@link InlineDataWriter}).
 * Anything else (bigalloc, encryption, casefolding, quota, meta_bg, mmp...) is
 * read-only, with the reason given to every EROFS. A journal that needs recovery refuses a
 * read-write mount outright: writing around unreplayed transactions would lose them. A clean
 * journal is written around, as e2fsprogs' tools do, and stays clean.
 */
final class ExtWritability {
    static final int COMPAT_OK = ExtFeatures.COMPAT_DIR_PREALLOC | ExtFeatures.COMPAT_HAS_JOURNAL
            | ExtFeatures.COMPAT_EXT_ATTR | ExtFeatures.COMPAT_RESIZE_INODE | ExtFeatures.COMPAT_DIR_INDEX
            | ExtFeatures.COMPAT_ORPHAN_FILE;
    static final int INCOMPAT_OK = ExtFeatures.INCOMPAT_FILETYPE | ExtFeatures.INCOMPAT_RECOVER
            | ExtFeatures.INCOMPAT_EXTENTS | ExtFeatures.INCOMPAT_64BIT | ExtFeatures.INCOMPAT_FLEX_BG
            | ExtFeatures.INCOMPAT_CSUM_SEED | ExtFeatures.INCOMPAT_LARGEDIR | ExtFeatures.INCOMPAT_INLINE_DATA;
    static final int RO_COMPAT_OK = ExtFeatures.RO_COMPAT_SPARSE_SUPER | ExtFeatures.RO_COMPAT_LARGE_FILE
            | ExtFeatures.RO_COMPAT_BTREE_DIR | ExtFeatures.RO_COMPAT_GDT_CSUM | ExtFeatures.RO_COMPAT_HUGE_FILE
            | ExtFeatures.RO_COMPAT_DIR_NLINK | ExtFeatures.RO_COMPAT_EXTRA_ISIZE | ExtFeatures.RO_COMPAT_METADATA_CSUM
            | ExtFeatures.RO_COMPAT_ORPHAN_PRESENT;
    /** Features only ext4 has: their presence makes the message name ext4. */
    private static final int EXT4_INCOMPAT = ExtFeatures.INCOMPAT_EXTENTS | ExtFeatures.INCOMPAT_64BIT
            | ExtFeatures.INCOMPAT_FLEX_BG | ExtFeatures.INCOMPAT_INLINE_DATA | ExtFeatures.INCOMPAT_MMP
            | ExtFeatures.INCOMPAT_EA_INODE | ExtFeatures.INCOMPAT_CSUM_SEED | ExtFeatures.INCOMPAT_LARGEDIR
            | ExtFeatures.INCOMPAT_ENCRYPT | ExtFeatures.INCOMPAT_CASEFOLD;
    private static final int EXT4_RO_COMPAT = ExtFeatures.RO_COMPAT_HUGE_FILE | ExtFeatures.RO_COMPAT_DIR_NLINK
            | ExtFeatures.RO_COMPAT_EXTRA_ISIZE | ExtFeatures.RO_COMPAT_METADATA_CSUM | ExtFeatures.RO_COMPAT_BIGALLOC
            | ExtFeatures.RO_COMPAT_QUOTA | ExtFeatures.RO_COMPAT_PROJECT | ExtFeatures.RO_COMPAT_VERITY
            | ExtFeatures.RO_COMPAT_ORPHAN_PRESENT;

    private ExtWritability() {
    }

    /** Why this driver cannot write the filesystem, or null when it can. */
    static String whyReadOnly(ExtSuperBlockInfo info) {
        int compat = info.compat() & ~COMPAT_OK;
        int incompat = info.incompat() & ~INCOMPAT_OK;
        int ro = info.roCompat() & ~RO_COMPAT_OK;
        if ((compat | incompat | ro) == 0) {
            return null;
        }
        List<String> names = ExtFeatures.names(compat, incompat, ro);
        if ((incompat & EXT4_INCOMPAT) != 0 || (ro & EXT4_RO_COMPAT) != 0) {
            return "writing ext4 with " + String.join(", ", names) + " is not supported yet; open the image"
                    + " read-only, or copy its files into an image made by mke2fs -t ext4 or vfscope mkfs";
        }
        return "writing " + String.join(", ", names) + " is not supported yet; open the image read-only";
    }

    /** EROFS for a read-write mount of an ext3 whose journal holds transactions not yet replayed. */
    static void refuseUnrecovered(ExtSuperBlockInfo info, String source) {
        if (info.hasIncompat(ExtFeatures.INCOMPAT_RECOVER)) {
            throw new VfsException(Errno.EROFS, source, "the journal needs recovery: mount read-only (ro) to read "
                    + "the image as it is, or let e2fsck replay the journal before writing");
        }
    }
}
