package org.vfscope.fs.ext;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToIntFunction;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.VfsException;

/**
 * Entry-level work on one htree leaf block (fs/ext4/namei.c): add_dirent_to_buf's search for
 * room (ext4_find_dest_de) and ext4_insert_dentry, and do_split's halves (dx_make_map,
 * dx_sort_map, dx_move_dirents, dx_pack_dirents). Blocks are plain byte arrays; the caller says
 * where entries end (before the metadata_csum tail, which {@link ExtDirTail} seals).
 */
final class DxLeaf {
    private DxLeaf() {
    }

    /**
     * ext4_find_dest_de + ext4_insert_dentry: the entry goes into the first unused entry or
     * the first live entry's slack big enough. False when the block has no room; EEXIST when
     * the name is already there; EUCLEAN for an entry ext4_check_dir_entry would reject.
     */
    static boolean add(byte[] b, int usable, byte[] name, long ino, int fileType) {
        int need = ExtDirEntry.recLenFor(name.length);
        int off = 0;
        while (off < usable) {
            long eIno = Le.u32(b, off);
            int recLen = Le.u16(b, off + 4);
            int nameLen = Le.u8(b, off + 6);
            if (recLen < 12 || recLen % 4 != 0 || recLen < ExtDirEntry.recLenFor(nameLen) || recLen > usable - off) {
                throw new VfsException(Errno.EUCLEAN, "directory block", "bad entry at offset " + off
                        + " (rec_len " + recLen + ")");
            }
            if (eIno != 0 && nameLen == name.length && equalsAt(b, off + 8, name)) {
                throw new VfsException(Errno.EEXIST);
            }
            int used = eIno != 0 ? ExtDirEntry.recLenFor(nameLen) : 0;
            if (recLen - used >= need) {
                if (used > 0) {
                    Le.put16(b, off + 4, used);
                }
                putEntry(b, off + used, ino, recLen - used, name, fileType);
                return true;
            }
            off += recLen;
        }
        return false;
    }

    private static boolean equalsAt(byte[] b, int at, byte[] name) {
        for (int i = 0; i < name.length; i++) {
            if (b[at + i] != name[i]) {
                return false;
            }
        }
        return true;
    }

    /** An ext4_dir_entry_2 at {@code at}, its padding zeroed. */
    static void putEntry(byte[] b, int at, long ino, int recLen, byte[] name, int fileType) {
        Le.put32(b, at, ino);
        Le.put16(b, at + 4, recLen);
        Le.put8(b, at + 6, name.length);
        Le.put8(b, at + 7, fileType);
        System.arraycopy(name, 0, b, at + 8, name.length);
        int end = at + ExtDirEntry.recLenFor(name.length);
        for (int i = at + 8 + name.length; i < end; i++) {
            b[i] = 0;
        }
    }

    /** One live entry of dx_make_map: its hash, where it is, its rec_len on disk. */
    private record MapEntry(int hash, int offset, int size) {
    }

    /** The two blocks of a split: the old block's new content, the new block's, and the new block's first hash. */
    record Split(byte[] low, byte[] high, int hash2, boolean continued) {
    }

    /**
     * do_split: the live entries sorted by hash; the upper part (from the end, while neither
     * half goes over half the block; else half of them by count) moves to a new block in hash
     * order, the rest is packed in on-disk order. Null when there are fewer than two live
     * entries to split. Both blocks hold entries up to {@code end}; the caller seals their
     * checksum tails ({@link ExtDirTail}) when there is room for one after it.
     */
    static Split split(byte[] b, int usable, int end, ToIntFunction<byte[]> hashOf) {
        int bs = b.length;
        List<MapEntry> map = new ArrayList<>();
        for (int off = 0; off < usable; ) {
            int recLen = Le.u16(b, off + 4);
            int nameLen = Le.u8(b, off + 6);
            if (Le.u32(b, off) != 0 && nameLen != 0) {
                map.add(new MapEntry(hashOf.applyAsInt(Le.slice(b, off + 8, nameLen)), off, recLen));
            }
            off += recLen;
        }
        int count = map.size();
        if (count < 2) {
            return null;
        }
        map.sort(Comparator.comparingInt((MapEntry m) -> m.hash() ^ Integer.MIN_VALUE)
                .thenComparingInt(MapEntry::offset));
        int size = 0;
        int move = 0;
        int i;
        for (i = count - 1; i >= 0; i--) {
            // is more than half of this entry in the second half of the block?
            if (size + map.get(i).size() / 2 > bs / 2) {
                break;
            }
            size += map.get(i).size();
            move++;
        }
        int split = i > 0 ? count - move : count / 2;
        int hash2 = map.get(split).hash();
        boolean continued = hash2 == map.get(split - 1).hash();

        byte[] high = new byte[bs];
        pack(b, map.subList(split, count), high, end);
        List<MapEntry> stay = new ArrayList<>(map.subList(0, split));
        stay.sort(Comparator.comparingInt(MapEntry::offset));
        byte[] low = new byte[bs];
        pack(b, stay, low, end);
        return new Split(low, high, hash2, continued);
    }

    /** The entries copied one after another with their minimal rec_len, the last one reaching {@code end}. */
    private static void pack(byte[] from, List<MapEntry> entries, byte[] to, int end) {
        int at = 0;
        int last = 0;
        for (MapEntry m : entries) {
            int len = ExtDirEntry.recLenFor(Le.u8(from, m.offset() + 6));
            System.arraycopy(from, m.offset(), to, at, len);
            Le.put16(to, at + 4, len);
            last = at;
            at += len;
        }
        Le.put16(to, last + 4, end - last);
    }

    /** dx_pack_dirents in place: the live entries moved together, all free space after the last one. */
    static void compact(byte[] b, int usable) {
        List<MapEntry> live = new ArrayList<>();
        for (int off = 0; off < usable; ) {
            int recLen = Le.u16(b, off + 4);
            if (Le.u32(b, off) != 0 && Le.u8(b, off + 6) != 0) {
                live.add(new MapEntry(0, off, recLen));
            }
            off += recLen;
        }
        byte[] out = new byte[b.length];
        System.arraycopy(b, usable, out, usable, b.length - usable);
        if (live.isEmpty()) {
            Le.put16(out, 4, usable);
        } else {
            pack(b, live, out, usable);
        }
        System.arraycopy(out, 0, b, 0, b.length);
    }
}
