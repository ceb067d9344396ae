package org.vfscope.vfs.namei;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import org.vfscope.vfs.Credentials;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.FileMode;
import org.vfscope.vfs.Inode;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.Mount;
import org.vfscope.vfs.Path;
import org.vfscope.vfs.VfsException;
import org.vfscope.vfs.dcache.Dcache;
import org.vfscope.vfs.dcache.Dentry;
import org.vfscope.vfs.dcache.DentryFlag;
import org.vfscope.vfs.lock.LockClass;

/**
 * Path walk (fs/namei.c, {@code struct nameidata}): resolves a path name to a dentry one
 * component at a time. Each walk is first tried lockless (rcu-walk: hash lookups, no references,
 * validated against the rename sequence at the end) and, if anything needs to block or changed
 * under it, redone with references (ref-walk), where a cache miss takes the directory's i_rwsem
 * shared and asks the filesystem.
 *
 * <p>Rules: "." and ".." (never above the process root; across mounts), repeated and trailing
 * slashes, at most {@value #MAXSYMLINKS} symlinks per walk and {@value #MAX_NESTED_LINKS} nested,
 * mount crossing, MAY_EXEC on every directory searched, ENAMETOOLONG beyond
 * {@value #NAME_MAX} bytes a name or {@value #PATH_MAX} a path.
 *
 * <p>One instance serves one system call, so the symlink count spans its whole resolution.
 */
public final class PathWalk {
    public static final int MAXSYMLINKS = 40;
    public static final int MAX_NESTED_LINKS = 8;
    public static final int NAME_MAX = 255;
    public static final int PATH_MAX = 4096;

    private final Kernel kernel;
    private final Dcache dcache;
    private final Path root;
    private final Path base;
    private final Credentials cred;
    private int totalLinks;

    /** ECHILD from the lockless walk: redo with references. Cheap, no stack trace. */
    private static final class Unlazy extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Unlazy INSTANCE = new Unlazy();

        private Unlazy() {
            super(null, null, false, false);
        }
    }

    /**
     * @param root the process root: ".." stops there and absolute paths start there
     * @param base where relative paths start (the cwd, or a directory fd for *at calls)
     */
    public PathWalk(Kernel kernel, Path root, Path base, Credentials cred) {
        this.kernel = kernel;
        this.dcache = kernel.dcache();
        this.root = root;
        this.base = base;
        this.cred = cred;
    }

    /** Symlinks followed so far in this walk. */
    public int linksFollowed() {
        return totalLinks;
    }

    // ---- entry points -----------------------------------------------------------------------

    /**
     * filename_lookup: the path names, with a reference the caller must put. {@code flags}:
     * {@link LookupFlags#FOLLOW} to follow a final symlink, {@link LookupFlags#DIRECTORY}.
     */
    public Path lookup(String path, int flags) {
        checkPathName(path);
        try {
            return walk(path, flags, false, new RcuSteps()).path;
        } catch (Unlazy retry) {
            return walk(path, flags, false, new RefSteps()).path;
        }
    }

    /** filename_parentat: the directory holding the last component, referenced, and that name. */
    public ParentLookup parent(String path) {
        checkPathName(path);
        Result r;
        try {
            r = walk(path, 0, true, new RcuSteps());
        } catch (Unlazy retry) {
            r = walk(path, 0, true, new RefSteps());
        }
        return new ParentLookup(r.path, r.last, r.lastType, r.trailingSlash);
    }

    /**
     * Continues a walk through a symlink met as the last component of {@code dir} (open with
     * O_CREAT following a link): counts the link, then resolves {@code body} to a parent.
     */
    public ParentLookup parentThroughLink(Path dir, String body) {
        countLink(1);
        if (body.isEmpty()) {
            throw new VfsException(Errno.ENOENT);
        }
        Result r = walkFrom(body.startsWith("/") ? root : dir, body, 0, true, new RefSteps());
        return new ParentLookup(r.path, r.last, r.lastType, r.trailingSlash);
    }

    /** Continues through a final symlink to the object it names (open without O_CREAT). */
    public Path lookupThroughLink(Path dir, String body, int flags) {
        countLink(1);
        if (body.isEmpty()) {
            throw new VfsException(Errno.ENOENT);
        }
        return walkFrom(body.startsWith("/") ? root : dir, body, flags, false, new RefSteps()).path;
    }

    /**
     * lookup_one under the caller's exclusive hold of {@code dir}'s i_rwsem (create, unlink,
     * rename): the dentry for {@code name}, positive or negative, referenced.
     */
    public Dentry lookupLocked(Dentry dir, String name) {
        checkName(name);
        Dentry d = dcache.lookup(dir, name);
        if (d != null) {
            return d;
        }
        return lookupInFs(dir, name);
    }

    /** follow_mount: steps onto whatever is mounted on the path; transfers the reference. */
    public Path followMounts(Path p) {
        return followMountsRef(p);
    }

    // ---- the walk ---------------------------------------------------------------------------

    private record Result(Path path, String last, LastType lastType, boolean trailingSlash) {
    }

    /** The components of one path string: the original or a symlink body. */
    private static final class Frame {
        final String text;
        int pos;
        final boolean trailingSlash;

        Frame(String text) {
            this.text = text;
            int end = text.length();
            this.trailingSlash = end > 0 && text.charAt(end - 1) == '/';
            skipSlashes();
        }

        boolean hasNext() {
            return pos < text.length();
        }

        String next() {
            int start = pos;
            while (pos < text.length() && text.charAt(pos) != '/') {
                pos++;
            }
            String comp = text.substring(start, pos);
            skipSlashes();
            return comp;
        }

        private void skipSlashes() {
            while (pos < text.length() && text.charAt(pos) == '/') {
                pos++;
            }
        }
    }

    private Result walk(String path, int flags, boolean wantParent, Steps steps) {
        Path start = path.startsWith("/") ? root : base;
        return walkFrom(start, path, flags, wantParent, steps);
    }

    private Result walkFrom(Path start, String path, int flags, boolean wantParent, Steps steps) {
        long seq = dcache.renameLock().readBegin();
        steps.begin(seq);
        Path cur = steps.hold(start);
        int linksAtStart = totalLinks;
        try {
            Deque<Frame> frames = new ArrayDeque<>();
            Frame first = new Frame(path);
            frames.push(first);
            if (!first.hasNext()) {
                // "/" or "" (rejected earlier): the start itself.
                if (wantParent) {
                    return steps.finish(new Result(cur, null, LastType.ROOT, first.trailingSlash));
                }
                return steps.finish(new Result(cur, null, LastType.ROOT, false));
            }
            boolean mustBeDir = (flags & LookupFlags.DIRECTORY) != 0;
            while (true) {
                Frame frame = frames.peek();
                String comp = frame.next();
                boolean last = !frame.hasNext() && allExhausted(frames);
                LastType type = comp.equals(".") ? LastType.DOT : comp.equals("..") ? LastType.DOTDOT : LastType.NORM;
                mayLookup(cur);
                if (last && wantParent) {
                    return steps.finish(new Result(cur, comp, type, first.trailingSlash));
                }
                boolean dirWanted = !last || mustBeDir || frame.trailingSlash || first.trailingSlash;
                Path next;
                if (type == LastType.DOT) {
                    next = steps.hold(cur);
                } else if (type == LastType.DOTDOT) {
                    next = steps.dotdot(cur);
                } else {
                    next = steps.lookupChild(cur, comp);
                }
                Inode inode = next.dentry().inode();
                if (inode == null) {
                    steps.drop(next);
                    throw steps.fail(Errno.ENOENT);
                }
                // Only a trailing slash forces a final link to be followed (lookup_last); O_DIRECTORY does not.
                boolean follow = !last || frame.trailingSlash || first.trailingSlash
                        || (flags & LookupFlags.FOLLOW) != 0;
                if (inode.isSymlink() && follow) {
                    String body = steps.readLink(next);
                    steps.drop(next);
                    countLink(frames.size() - (frame.hasNext() ? 0 : 1));
                    if (!frame.hasNext()) {
                        frames.pop();
                    }
                    if (body.isEmpty()) {
                        throw steps.fail(Errno.ENOENT);
                    }
                    Frame link = new Frame(body);
                    if (body.startsWith("/")) {
                        steps.drop(cur);
                        cur = steps.hold(root);
                    }
                    if (link.hasNext()) {
                        frames.push(link);
                    } else if (frames.isEmpty() || allExhausted(frames)) {
                        // The link pointed at "/": that is the result.
                        if (!cur.dentry().isDir() && dirWanted) {
                            throw steps.fail(Errno.ENOTDIR);
                        }
                        return steps.finish(new Result(cur, null, LastType.ROOT, false));
                    }
                    while (!frames.isEmpty() && !frames.peek().hasNext()) {
                        frames.pop();
                    }
                    continue;
                }
                steps.drop(cur);
                cur = next;
                if (last) {
                    if (dirWanted && !inode.isDir()) {
                        throw steps.fail(Errno.ENOTDIR);
                    }
                    return steps.finish(new Result(cur, null, type, false));
                }
                if (!inode.isDir()) {
                    throw steps.fail(Errno.ENOTDIR);
                }
                while (!frames.peek().hasNext()) {
                    frames.pop();
                }
            }
        } catch (VfsException e) {
            steps.drop(cur);
            RuntimeException out = steps.validate(e);
            if (out instanceof Unlazy) {
                totalLinks = linksAtStart;
            }
            throw out;
        } catch (RuntimeException | Error e) {
            steps.drop(cur);
            if (e instanceof Unlazy) {
                totalLinks = linksAtStart;
            }
            throw e;
        }
    }

    private static boolean allExhausted(Deque<Frame> frames) {
        for (Frame f : frames) {
            if (f.hasNext()) {
                return false;
            }
        }
        return true;
    }

    /** nd->total_link_count and the nesting depth; ELOOP past either limit. */
    private void countLink(int depth) {
        totalLinks++;
        if (totalLinks > MAXSYMLINKS || depth > MAX_NESTED_LINKS) {
            throw new VfsException(Errno.ELOOP);
        }
    }

    /** may_lookup: search permission on the directory. */
    private void mayLookup(Path dir) {
        Inode inode = dir.dentry().inode();
        if (inode == null || !inode.isDir()) {
            throw new VfsException(Errno.ENOTDIR);
        }
        inode.iop().permission(inode, FileMode.MAY_EXEC, cred);
    }

    private static void checkPathName(String path) {
        if (path == null || path.isEmpty()) {
            throw new VfsException(Errno.ENOENT);
        }
        if (path.length() >= PATH_MAX || utf8Length(path) >= PATH_MAX) {
            throw new VfsException(Errno.ENAMETOOLONG);
        }
    }

    /** NAME_MAX is a byte limit: names are UTF-8 on disk. */
    public static void checkName(String name) {
        if (name.length() > NAME_MAX || utf8Length(name) > NAME_MAX) {
            throw new VfsException(Errno.ENAMETOOLONG, name.substring(0, Math.min(40, name.length())) + "...");
        }
    }

    private static int utf8Length(String s) {
        int ascii = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return s.getBytes(StandardCharsets.UTF_8).length;
            }
            ascii++;
        }
        return ascii;
    }

    // ---- ref-walk and rcu-walk steps --------------------------------------------------------

    /** What differs between the lockless walk and the walk with references. */
    private interface Steps {
        void begin(long seq);

        Path hold(Path p);

        void drop(Path p);

        Path lookupChild(Path dir, String name);

        Path dotdot(Path cur);

        String readLink(Path link);

        RuntimeException fail(Errno errno);

        /** An error found on the way: final in ref-walk, only if nothing moved in rcu-walk. */
        RuntimeException validate(VfsException e);

        Result finish(Result r);
    }

    private final class RefSteps implements Steps {
        @Override
        public void begin(long seq) {
        }

        @Override
        public Path hold(Path p) {
            return p.get();
        }

        @Override
        public void drop(Path p) {
            p.put();
        }

        @Override
        public Path lookupChild(Path dir, String name) {
            Dentry d = dcache.lookup(dir.dentry(), name);
            if (d != null && d.op() != null && !d.op().revalidate(d, 0)) {
                dcache.drop(d);
                d.put();
                d = null;
            }
            if (d == null) {
                d = lookupSlow(dir.dentry(), name);
            }
            return followMountsRef(new Path(dir.mnt(), d));
        }

        @Override
        public Path dotdot(Path cur) {
            Path p = cur;
            if (isRoot(p)) {
                return p.get();
            }
            while (p.dentry() == p.mnt().root() && p.mnt().parent() != p.mnt()) {
                p = new Path(p.mnt().parent(), p.mnt().mountpoint());
                if (isRoot(p)) {
                    return p.get();
                }
            }
            return followMountsRef(new Path(p.mnt(), dcache.getParent(p.dentry())));
        }

        @Override
        public String readLink(Path link) {
            Inode inode = link.dentry().inode();
            String cached = inode.cachedLink();
            return cached != null ? cached : inode.iop().getLink(link.dentry(), inode);
        }

        @Override
        public RuntimeException fail(Errno errno) {
            return new VfsException(errno);
        }

        @Override
        public RuntimeException validate(VfsException e) {
            return e;
        }

        @Override
        public Result finish(Result r) {
            return r;
        }
    }

    private final class RcuSteps implements Steps {
        private long seq;

        @Override
        public void begin(long seq) {
            this.seq = seq;
        }

        @Override
        public Path hold(Path p) {
            return p;
        }

        @Override
        public void drop(Path p) {
        }

        @Override
        public Path lookupChild(Path dir, String name) {
            Dentry d = dcache.lookupRcu(dir.dentry(), name);
            if (d == null || d.parent() != dir.dentry() || !d.isHashed() || d.isDead() || d.op() != null
                    || d.hasFlag(DentryFlag.PAR_LOOKUP) || !name.equals(d.name())) {
                throw Unlazy.INSTANCE;
            }
            return followMountsRcu(new Path(dir.mnt(), d));
        }

        @Override
        public Path dotdot(Path cur) {
            Path p = cur;
            if (isRoot(p)) {
                return p;
            }
            while (p.dentry() == p.mnt().root() && p.mnt().parent() != p.mnt()) {
                p = new Path(p.mnt().parent(), p.mnt().mountpoint());
                if (isRoot(p)) {
                    return p;
                }
            }
            return followMountsRcu(new Path(p.mnt(), p.dentry().parent()));
        }

        @Override
        public String readLink(Path link) {
            String cached = link.dentry().inode().cachedLink();
            if (cached == null) {
                throw Unlazy.INSTANCE;
            }
            return cached;
        }

        @Override
        public RuntimeException fail(Errno errno) {
            return validate(new VfsException(errno));
        }

        @Override
        public RuntimeException validate(VfsException e) {
            // An answer seen without locks counts only if no rename ran meanwhile.
            return dcache.renameLock().readRetry(seq) ? Unlazy.INSTANCE : e;
        }

        @Override
        public Result finish(Result r) {
            // legitimize_path: take the reference, then check nothing moved.
            Dentry d = r.path.dentry();
            if (!dcache.dgetUnlessDead(d)) {
                throw Unlazy.INSTANCE;
            }
            if (dcache.renameLock().readRetry(seq) || (!d.isHashed() && !d.isRoot())) {
                d.put();
                throw Unlazy.INSTANCE;
            }
            return r;
        }
    }

    private boolean isRoot(Path p) {
        return p.dentry() == root.dentry() && p.mnt() == root.mnt();
    }

    private Path followMountsRef(Path p) {
        Path cur = p;
        while (cur.dentry().isMountpoint()) {
            Mount child = kernel.namespace().lookupMount(cur.mnt(), cur.dentry());
            if (child == null) {
                break;
            }
            Path next = new Path(child, child.root().get());
            cur.put();
            cur = next;
        }
        return cur;
    }

    private Path followMountsRcu(Path p) {
        Path cur = p;
        while (cur.dentry().isMountpoint()) {
            Mount child = kernel.namespace().lookupMount(cur.mnt(), cur.dentry());
            if (child == null) {
                break;
            }
            cur = new Path(child, child.root());
        }
        return cur;
    }

    /**
     * lookup_slow: under the directory's i_rwsem held shared, allocate an in-lookup dentry (or
     * find the one a racing lookup added) and ask the filesystem.
     */
    private Dentry lookupSlow(Dentry dir, String name) {
        Inode dirInode = dir.inode();
        dirInode.rwsem().lockShared(LockClass.I_RWSEM_NORMAL);
        try {
            return lookupInFs(dir, name);
        } finally {
            dirInode.rwsem().unlockShared();
        }
    }

    /** __lookup_slow's body; the caller holds the directory's i_rwsem, shared or exclusive. */
    private Dentry lookupInFs(Dentry dir, String name) {
        Inode dirInode = dir.inode();
        if (dirInode.isDeadDir()) {
            throw new VfsException(Errno.ENOENT);
        }
        Dentry d = dcache.allocParallel(dir, name);
        if (!d.hasFlag(DentryFlag.PAR_LOOKUP)) {
            return d;
        }
        try {
            checkName(name);
            Inode inode = dirInode.iop().lookup(dirInode, d, 0);
            dcache.addLookupResult(d, inode);
            return d;
        } catch (RuntimeException e) {
            dcache.abortLookup(d);
            throw e;
        }
    }
}
