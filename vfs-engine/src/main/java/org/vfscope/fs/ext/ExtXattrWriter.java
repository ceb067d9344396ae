package org.vfscope.fs.ext;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.VfsException;
import org.vfscope.vfs.XattrFlags;
import org.vfscope.vfs.icache.InodeState;

/**
 * Setting and removing extended attributes (fs/ext2/xattr.c, with ext4's in-inode area): an
 * attribute goes into the inode body after i_extra_isize when 256-byte inodes leave room, else
 * into the inode's xattr block. A block shared by several inodes (h_refcount above 1) is never
 * changed in place: the inode gets its own copy and the shared one loses a reference; a block
 * left empty is freed (or loses its reference). Entry hashes and the block hash are kept as
 * e2fsck checks them; with metadata_csum each block carries its checksum.
 */
final class ExtXattrWriter {
    private static final int ENTRY_HEADER = 16;
    private static final int BLOCK_HEADER = 32;

    private final ExtSuper sup;
    private final ExtFs fs;

    ExtXattrWriter(ExtSuper sup) {
        this.sup = sup;
        this.fs = sup.fs();
    }

    /** ext4_xattr_set: {@code value == null} removes; XATTR_CREATE / XATTR_REPLACE honoured. */
    void set(ExtInode inode, String fullName, byte[] value, int flags) {
        ExtXattrs.Entry wanted = entryFor(inode.ino(), fullName, value);
        // An inline inode's body holds its data (system.data): never rewrite it from a partial parse.
        List<ExtXattrs.Entry> body = new ArrayList<>(inode.hasInlineData()
                ? ExtXattrs.ibodyForRewrite(fs, inode.raw()) : ExtXattrs.ibody(fs, inode.raw()));
        List<ExtXattrs.Entry> block = new ArrayList<>(ExtXattrs.block(fs, inode.raw()));
        boolean inBody = body.removeIf(e -> same(e, wanted));
        boolean inBlock = block.removeIf(e -> same(e, wanted));
        boolean exists = inBody || inBlock;
        if ((flags & XattrFlags.XATTR_CREATE) != 0 && exists) {
            throw new VfsException(Errno.EEXIST, fullName);
        }
        if (!exists && ((flags & XattrFlags.XATTR_REPLACE) != 0 || value == null)) {
            throw new VfsException(Errno.ENODATA, fullName);
        }
        boolean bodyChanged = inBody;
        boolean blockChanged = inBlock;
        if (value != null) {
            body.add(wanted);
            if (fitsBody(inode, body)) {
                bodyChanged = true;
            } else {
                body.remove(body.size() - 1);
                block.add(wanted);
                if (!fitsBlock(block)) {
                    throw new VfsException(Errno.ENOSPC, fullName, "no room for the attribute in the inode or its block");
                }
                blockChanged = true;
            }
            fs.addFeature(ExtFeatures.COMPAT_EXT_ATTR, 0);
        }
        if (blockChanged) {
            writeBlock(inode, block);
        }
        if (bodyChanged) {
            writeBody(inode, body);
        }
        inode.setCtime(inode.currentTime());
        inode.markDirty(InodeState.I_DIRTY_SYNC);
    }

    /**
     * The inline data attribute (system.data, which lives only in the inode body) set to
     * {@code value}, or removed when it is null (ext4_xattr_ibody_set from inline.c); the other
     * attributes of the body are kept. The caller marks the inode dirty.
     */
    void setSystemData(ExtInode inode, byte[] value) {
        List<ExtXattrs.Entry> body = new ArrayList<>(ExtXattrs.ibodyForRewrite(fs, inode.raw()));
        body.removeIf(InlineData::isSystemData);
        if (value != null) {
            body.add(0, new ExtXattrs.Entry(ExtXattrs.INDEX_SYSTEM, InlineData.XATTR_NAME, value));
            if (!fitsBody(inode, body)) {
                throw new VfsException(Errno.ENOSPC, "inode " + inode.ino(), "inline data of " + value.length
                        + " bytes does not fit in the inode body");
            }
        }
        writeBody(inode, body);
    }

    private static boolean same(ExtXattrs.Entry a, ExtXattrs.Entry b) {
        return a.index() == b.index() && a.suffix().equals(b.suffix());
    }

    /** The on-disk entry for a full name: its name index, the suffix, and the value as stored. */
    private static ExtXattrs.Entry entryFor(long ino, String fullName, byte[] value) {
        int index;
        String suffix;
        byte[] stored = value;
        if (fullName.equals("system.posix_acl_access") || fullName.equals("system.posix_acl_default")) {
            index = fullName.endsWith("access") ? ExtXattrs.INDEX_POSIX_ACL_ACCESS : ExtXattrs.INDEX_POSIX_ACL_DEFAULT;
            suffix = "";
            stored = value == null ? null : PosixAcl.fromXattr(value);
        } else if (fullName.startsWith("user.")) {
            index = ExtXattrs.INDEX_USER;
            suffix = fullName.substring(5);
        } else if (fullName.startsWith("trusted.")) {
            index = ExtXattrs.INDEX_TRUSTED;
            suffix = fullName.substring(8);
        } else if (fullName.startsWith("security.")) {
            index = ExtXattrs.INDEX_SECURITY;
            suffix = fullName.substring(9);
        } else {
            throw new VfsException(Errno.EOPNOTSUPP, fullName, "no ext2 name index for this attribute");
        }
        if (suffix.getBytes(StandardCharsets.UTF_8).length > 255) {
            throw new VfsException(Errno.ERANGE, fullName, "name longer than 255 bytes");
        }
        return new ExtXattrs.Entry(index, suffix, stored);
    }

    private static int entryLen(ExtXattrs.Entry e) {
        return (ENTRY_HEADER + e.suffix().getBytes(StandardCharsets.UTF_8).length + 3) & ~3;
    }

    private static int valueLen(ExtXattrs.Entry e) {
        return (e.value().length + 3) & ~3;
    }

    private static int needed(List<ExtXattrs.Entry> entries) {
        int n = 4; // the terminating zero word
        for (ExtXattrs.Entry e : entries) {
            n += entryLen(e) + valueLen(e);
        }
        return n;
    }

    private boolean fitsBody(ExtInode inode, List<ExtXattrs.Entry> entries) {
        int start = inode.raw().ibodyXattrStart();
        return start >= 0 && 4 + needed(entries) <= fs.info().inodeSize() - start;
    }

    private boolean fitsBlock(List<ExtXattrs.Entry> entries) {
        return BLOCK_HEADER + needed(entries) <= fs.info().blockSize();
    }

    /** The in-inode area: magic, entries, terminator; values from the end, offset from the first entry. */
    private void writeBody(ExtInode inode, List<ExtXattrs.Entry> entries) {
        byte[] b = inode.base().clone();
        int start = inode.raw().ibodyXattrStart();
        java.util.Arrays.fill(b, start, b.length, (byte) 0);
        if (!entries.isEmpty()) {
            Le.put32(b, start, ExtXattrs.MAGIC);
            layOut(b, entries, start + 4, b.length, start + 4);
        }
        inode.setBase(b);
    }

    /** ext2_xattr_set2: the inode's own block rewritten, or a new one when it had none or shared one. */
    private void writeBlock(ExtInode inode, List<ExtXattrs.Entry> entries) {
        long old = inode.fileAcl();
        if (entries.isEmpty()) {
            releaseBlock(inode);
            return;
        }
        int bs = fs.info().blockSize();
        byte[] b = new byte[bs];
        entries.sort(Comparator.comparingInt(ExtXattrs.Entry::index)
                .thenComparingInt(e -> e.suffix().getBytes(StandardCharsets.UTF_8).length)
                .thenComparing(ExtXattrs.Entry::suffix));
        Le.put32(b, 0, ExtXattrs.MAGIC);
        Le.put32(b, 4, 1);
        Le.put32(b, 8, 1);
        int[] hashes = layOut(b, entries, BLOCK_HEADER, bs, 0);
        Le.put32(b, 12, blockHash(hashes));
        if (old != 0 && refcount(inode, old) == 1) {
            seal(old, b);
            BufferEdit.overwrite(fs.cache(), old, b);
            return;
        }
        long group = (inode.ino() - 1) / fs.info().inodesPerGroup();
        long goal = old != 0 ? old : fs.info().groupFirstBlock(group);
        long fresh = fs.blockAllocator().newBlocks(inode.ino(), goal, 1).start();
        seal(fresh, b);
        BufferEdit.overwrite(fs.cache(), fresh, b);
        if (old != 0) {
            dropReference(inode, old);
        } else {
            inode.addFsBlocks(1);
        }
        inode.setFileAcl(fresh);
    }

    /** ext4_xattr_block_csum_set: the block's checksum, which covers its own block number. */
    private void seal(long blockNr, byte[] b) {
        if (fs.csum().metadataCsum()) {
            Le.put32(b, ExtChecksums.XATTR_CHECKSUM, fs.csum().xattrBlock(blockNr, b));
        }
    }

    /** Writes entries from {@code first}, values down from {@code end}; returns the entry hashes. */
    private static int[] layOut(byte[] b, List<ExtXattrs.Entry> entries, int first, int end, int valueBase) {
        int[] hashes = new int[entries.size()];
        int off = first;
        int valueEnd = end;
        for (int i = 0; i < entries.size(); i++) {
            ExtXattrs.Entry e = entries.get(i);
            byte[] name = e.suffix().getBytes(StandardCharsets.UTF_8);
            byte[] v = e.value();
            valueEnd -= valueLen(e);
            System.arraycopy(v, 0, b, valueEnd, v.length);
            int hash = entryHash(name, v);
            hashes[i] = hash;
            Le.put8(b, off, name.length);
            Le.put8(b, off + 1, e.index());
            Le.put16(b, off + 2, v.length == 0 ? 0 : valueEnd - valueBase);
            Le.put32(b, off + 4, 0);
            Le.put32(b, off + 8, v.length);
            Le.put32(b, off + 12, hash);
            System.arraycopy(name, 0, b, off + ENTRY_HEADER, name.length);
            off += entryLen(e);
        }
        return hashes;
    }

    /** ext2_xattr_hash_entry: the name (bytes as signed chars, as x86 kernels hash them), then the value's words. */
    static int entryHash(byte[] name, byte[] value) {
        int hash = 0;
        for (byte c : name) {
            hash = (hash << 5) ^ (hash >>> 27) ^ c;
        }
        for (int i = 0; i < value.length; i += 4) {
            int w = 0;
            for (int k = 0; k < 4 && i + k < value.length; k++) {
                w |= (value[i + k] & 0xff) << (8 * k);
            }
            hash = (hash << 16) ^ (hash >>> 16) ^ w;
        }
        return hash;
    }

    /** ext2_xattr_rehash: the block hash folds the entry hashes (0 if any entry has none). */
    static int blockHash(int[] entryHashes) {
        int hash = 0;
        for (int h : entryHashes) {
            if (h == 0) {
                return 0;
            }
            hash = (hash << 16) ^ (hash >>> 16) ^ h;
        }
        return hash;
    }

    private long refcount(ExtInode inode, long block) {
        fs.checkBlocks(inode.ino(), block, 1, "xattr block");
        byte[] b = fs.blockBytes(block);
        if (Le.u32(b, 0) != ExtXattrs.MAGIC) {
            throw new VfsException(Errno.EUCLEAN, "block " + block, "bad xattr block header");
        }
        return Le.u32(b, 4);
    }

    /** Drops the inode's reference to {@code block}: freed when it was the last one. */
    private void dropReference(ExtInode inode, long block) {
        long refs = refcount(inode, block);
        if (refs <= 1) {
            fs.blockAllocator().freeBlocks(inode.ino(), block, 1);
        } else {
            fs.editBlock(block, b -> {
                Le.put32(b, 4, refs - 1);
                seal(block, b);
            });
        }
    }

    /** ext2_xattr_delete_inode: the inode lets go of its xattr block (at deletion, or when it empties). */
    void releaseBlock(ExtInode inode) {
        long old = inode.fileAcl();
        if (old == 0) {
            return;
        }
        try {
            dropReference(inode, old);
        } catch (VfsException e) {
            fs.problems().report(ExtProblem.Code.XATTR_BAD, inode.ino(), old, "xattr block not released: "
                    + e.getMessage());
        }
        inode.setFileAcl(0);
        inode.addFsBlocks(-1);
    }
}
