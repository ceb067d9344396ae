package org.vfscope.visualizer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.vfscope.trace.ChunkedList;
import org.vfscope.trace.DcacheSnapshot;
import org.vfscope.trace.DentryInfo;
import org.vfscope.trace.SuperBlockInfo;

/**
 * Names for the objects of one snapshot, from its dcache: a dentry's path, and a path for an
 * inode that has a positive dentry (the one with the smallest id, when it has several). Paths
 * are built on demand. The index (dentry id to its place in the list, inode to its dentries)
 * is made on first use, and made from the previous frame's when there is one: only the chunks
 * of the dentry list that are not the previous list's are read, so a frame in which a few
 * dentries changed costs those, not the 100k cached.
 */
public final class DcacheNames {
    private static final DcacheNames EMPTY = new DcacheNames(new DcacheSnapshot(List.of(),
            new org.vfscope.vfs.dcache.DentryStats(0, 0, 0, 0, 0, 0)), List.of());

    private final List<DentryInfo> dentries;
    private final Chunks chunks;
    private final Map<Long, String> fsTypeByDev = new HashMap<>();
    /** The names of the previous frame, to index from; dropped once indexed, so frames never chain. */
    private DcacheNames base;
    private volatile Index index;

    /** Dentry id to (chunk, offset); per device, inode number to the ids of its positive dentries (a long[]). */
    private record Index(IdRefs byId, Map<Long, IdRefs> byInode, Map<Object, Integer> chunkAt) {
    }

    public DcacheNames(DcacheSnapshot dcache, List<SuperBlockInfo> superBlocks) {
        this(dcache, superBlocks, null);
    }

    /** Names indexed from {@code base}'s index when it has one: what the previous frame built is patched. */
    public DcacheNames(DcacheSnapshot dcache, List<SuperBlockInfo> superBlocks, DcacheNames base) {
        dentries = dcache.dentries();
        chunks = Chunks.of(dentries);
        for (SuperBlockInfo sb : superBlocks) {
            fsTypeByDev.put(sb.dev(), sb.type());
        }
        this.base = base == null ? null : base.indexedOrBase();
    }

    /**
     * These names when indexed, else the indexed names they were to start from (or null): names
     * never indexed are passed over, so a run of frames nobody asked names of makes no chain.
     */
    private synchronized DcacheNames indexedOrBase() {
        return index != null ? this : base;
    }

    public static DcacheNames empty() {
        return EMPTY;
    }


    private Index index() {
        Index i = index;
        return i != null ? i : buildIndex();
    }

    private synchronized Index buildIndex() {
        if (index == null) {
            DcacheNames from = base;
            base = null;
            Index previous = from == null ? null : from.index;
            index = previous == null ? patch(Chunks.NONE, IdRefs.EMPTY, Map.of(), chunks)
                    : patch(from.chunks, previous.byId(), previous.byInode(), chunks);
        }
        return index;
    }

    /** The index of {@code now} made from that of {@code before}: the chunks that went are taken out, the new ones put in. */
    private static Index patch(Chunks before, IdRefs byId, Map<Long, IdRefs> byInode, Chunks now) {
        Map<Object, Integer> chunkAt = new IdentityHashMap<>(now.count() * 2);
        for (int c = 0; c < now.count(); c++) {
            chunkAt.put(now.chunk(c), c);
        }
        IdRefs.Editor ids = byId.edit();
        Map<Long, IdRefs.Editor> inos = new HashMap<>();
        for (Map.Entry<Long, IdRefs> e : byInode.entrySet()) {
            inos.put(e.getKey(), e.getValue().edit());
        }
        for (int c = 0; c < before.count(); c++) {
            Object chunk = before.chunk(c);
            if (chunkAt.containsKey(chunk)) {
                continue;
            }
            for (int o = 0; o < before.size(c); o++) {
                DentryInfo d = before.element(c, o);
                ids.removeIn(d.id(), chunk);
                if (d.ino() >= 0) {
                    IdRefs.Editor in = inos.get(d.dev());
                    long[] had = (long[]) in.get(d.ino());
                    long[] left = without(had, d.id());
                    if (left.length == 0) {
                        in.remove(d.ino());
                    } else if (left != had) {
                        in.put(d.ino(), left, 0);
                    }
                }
            }
        }
        Map<Object, Boolean> old = new IdentityHashMap<>(before.count() * 2);
        for (int c = 0; c < before.count(); c++) {
            old.put(before.chunk(c), Boolean.TRUE);
        }
        for (int c = 0; c < now.count(); c++) {
            Object chunk = now.chunk(c);
            if (old.containsKey(chunk)) {
                continue;
            }
            for (int o = 0; o < now.size(c); o++) {
                DentryInfo d = now.element(c, o);
                ids.put(d.id(), chunk, o);
                if (d.ino() >= 0) {
                    IdRefs.Editor in = inos.computeIfAbsent(d.dev(), k -> IdRefs.EMPTY.edit());
                    in.put(d.ino(), with((long[]) in.get(d.ino()), d.id()), 0);
                }
            }
        }
        Map<Long, IdRefs> builtInos = new HashMap<>();
        for (Map.Entry<Long, IdRefs.Editor> e : inos.entrySet()) {
            IdRefs r = e.getValue().build();
            if (r.size() > 0) {
                builtInos.put(e.getKey(), r);
            }
        }
        return new Index(ids.build(), builtInos, chunkAt);
    }

    /** {@code ids} (sorted) with {@code id} added. */
    private static long[] with(long[] ids, long id) {
        if (ids == null) {
            return new long[] {id};
        }
        int at = java.util.Arrays.binarySearch(ids, id);
        if (at >= 0) {
            return ids;
        }
        int ins = -at - 1;
        long[] out = new long[ids.length + 1];
        System.arraycopy(ids, 0, out, 0, ins);
        out[ins] = id;
        System.arraycopy(ids, ins, out, ins + 1, ids.length - ins);
        return out;
    }

    /** {@code ids} (sorted) without {@code id}; the same array when it was not there. */
    private static long[] without(long[] ids, long id) {
        int at = ids == null ? -1 : java.util.Arrays.binarySearch(ids, id);
        if (at < 0) {
            return ids == null ? new long[0] : ids;
        }
        long[] out = new long[ids.length - 1];
        System.arraycopy(ids, 0, out, 0, at);
        System.arraycopy(ids, at + 1, out, at, ids.length - at - 1);
        return out;
    }

    /** True when {@link #indexOf} gives positions in {@code list}. */
    public boolean indexes(List<DentryInfo> list) {
        return list == dentries;
    }

    /** The position of dentry {@code id} in the snapshot's list, or -1. */
    public int indexOf(long id) {
        Index i = index();
        Object chunk = i.byId().chunk(id);
        return chunk == null ? -1 : chunks.start(i.chunkAt().get(chunk)) + i.byId().offset(id);
    }

    public DentryInfo dentry(long id) {
        Index i = index();
        Object chunk = i.byId().chunk(id);
        return chunk == null ? null : chunks.element(i.chunkAt().get(chunk), i.byId().offset(id));
    }

    /** "/etc/motd" for a dentry of the root filesystem; "/" for a root. */
    public String path(DentryInfo d) {
        List<String> parts = new ArrayList<>();
        DentryInfo at = d;
        for (int guard = 0; at != null && !at.isRoot() && guard < 4096; guard++) {
            parts.add(at.name());
            at = dentry(at.parentId());
        }
        Collections.reverse(parts);
        return "/" + String.join("/", parts);
    }

    /** The path of a dentry of the inode (its positive dentry with the smallest id), or null when the dcache holds none. */
    public String pathOf(long dev, long ino) {
        IdRefs inos = index().byInode().get(dev);
        long[] ids = inos == null ? null : (long[]) inos.chunk(ino);
        if (ids != null) {
            return path(dentry(ids[0]));
        }
        String type = fsTypeByDev.get(dev);
        return "bdev".equals(type) ? "block device " + ino : null;
    }

    /** A name to show for an inode: its path, else "inode N". */
    public String nameOf(long dev, long ino) {
        String p = pathOf(dev, ino);
        return p != null ? p : "inode " + ino;
    }

    /** A dentry list as chunks: a snapshot's own chunks, or a list built by hand as one chunk. */
    private record Chunks(List<DentryInfo> list, ChunkedList<DentryInfo> chunked) {
        static final Chunks NONE = new Chunks(List.of(), null);

        static Chunks of(List<DentryInfo> list) {
            return new Chunks(list, ChunkedList.of(list));
        }

        int count() {
            return chunked != null ? chunked.chunkCount() : list.isEmpty() ? 0 : 1;
        }

        Object chunk(int c) {
            return chunked != null ? chunked.chunk(c) : list;
        }

        int start(int c) {
            return chunked != null ? chunked.chunkStart(c) : 0;
        }

        int size(int c) {
            return chunked != null ? chunked.chunkSize(c) : list.size();
        }

        DentryInfo element(int c, int offset) {
            return chunked != null ? chunked.element(c, offset) : list.get(offset);
        }
    }
}
