package org.vfscope.vfs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.vfscope.vfs.dcache.Dentry;

/**
 * A mount namespace (fs/namespace.c): the tree of mounts and the mount hash that path walk
 * consults at every dentry marked MOUNTED. Changes are serialised by {@code namespace_sem}
 * (this object's monitor); lookups read the concurrent hash without locking.
 */
public final class MountNamespace {
    private record MountKey(Mount parent, Dentry mountpoint) {
    }

    private final ConcurrentHashMap<MountKey, Mount> mountHash = new ConcurrentHashMap<>();
    private volatile Mount root;

    public Mount root() {
        return root;
    }

    /** __lookup_mnt: the mount attached at (parent mount, dentry), or null. */
    public Mount lookupMount(Mount parent, Dentry mountpoint) {
        return mountHash.get(new MountKey(parent, mountpoint));
    }

    synchronized void setRoot(Mount mnt) {
        mnt.attach(mnt, mnt.root());
        root = mnt;
    }

    /** attach_mnt: hashes {@code child} at {@code where}. */
    synchronized void attach(Mount child, Path where) {
        child.attach(where.mnt(), where.dentry());
        where.mnt().children().add(child);
        mountHash.put(new MountKey(where.mnt(), where.dentry()), child);
    }

    /** umount_tree for one mount: unhashes it. */
    synchronized void detach(Mount child) {
        Mount parent = child.parent();
        mountHash.remove(new MountKey(parent, child.mountpoint()), child);
        parent.children().remove(child);
        if (root == child) {
            root = null;
        }
    }

    synchronized boolean hasChildren(Mount mnt) {
        return !mnt.children().isEmpty();
    }

    /** Whether any mount still uses the dentry as its mountpoint. */
    synchronized boolean isMountpoint(Dentry d) {
        for (MountKey k : mountHash.keySet()) {
            if (k.mountpoint() == d) {
                return true;
            }
        }
        return false;
    }

    /** Every mount, parents before children, as /proc/mounts lists them. */
    public synchronized List<Mount> mounts() {
        List<Mount> out = new ArrayList<>();
        if (root == null) {
            return out;
        }
        Deque<Mount> todo = new ArrayDeque<>();
        todo.add(root);
        while (!todo.isEmpty()) {
            Mount m = todo.poll();
            out.add(m);
            todo.addAll(m.children());
        }
        return out;
    }

    /** Every mount of {@code sb}. */
    public synchronized List<Mount> mountsOf(SuperBlock sb) {
        return mounts().stream().filter(m -> m.sb() == sb).toList();
    }
}
