package org.vfscope.vfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.vfscope.sys.Process;

/**
 * Random sequences of namespace and data operations run against the ramfs engine and against a
 * plain in-memory tree that knows nothing of caches; every step must give the same result or
 * the same errno. Cache drops and shrinks are interleaved, so dentries, inodes and pages are
 * evicted and read back from the RAM disk in between, and the dentry counters are recounted
 * after every step.
 */
class ModelBasedVfsTest {

    // ---- operations -------------------------------------------------------------------------

    sealed interface Op permits Mkdir, Rmdir, Write, CreateExcl, Read, Unlink, Rename, Link, Symlink,
            Truncate, Chmod, StatOp, Getdents, CacheOp {
    }

    record Mkdir(String path, int mode) implements Op {
    }

    record Rmdir(String path) implements Op {
    }

    record Write(String path, int size, int seed) implements Op {
    }

    record CreateExcl(String path) implements Op {
    }

    record Read(String path) implements Op {
    }

    record Unlink(String path) implements Op {
    }

    record Rename(String from, String to, int flags) implements Op {
    }

    record Link(String from, String to) implements Op {
    }

    record Symlink(String target, String path) implements Op {
    }

    record Truncate(String path, long length) implements Op {
    }

    record Chmod(String path, int mode) implements Op {
    }

    record StatOp(String path, boolean follow) implements Op {
    }

    record Getdents(String path) implements Op {
    }

    /** 1-3: drop_caches; 4: super_cache_scan of 5; 5: sync; 6: shrink_dcache_sb. */
    record CacheOp(int kind) implements Op {
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<String> name = Arbitraries.of("a", "b", "c", "d");
        Arbitrary<String> path = name.list().ofMinSize(1).ofMaxSize(3).map(l -> "/" + String.join("/", l));
        Arbitrary<String> target = Arbitraries.oneOf(path, name,
                name.list().ofSize(2).map(l -> String.join("/", l)));
        Arbitrary<Integer> renameFlags = Arbitraries.frequency(Tuple.of(6, 0),
                Tuple.of(2, RenameFlags.RENAME_NOREPLACE), Tuple.of(2, RenameFlags.RENAME_EXCHANGE),
                Tuple.of(1, RenameFlags.RENAME_NOREPLACE | RenameFlags.RENAME_EXCHANGE));
        Arbitrary<Op> op = Arbitraries.frequencyOf(
                Tuple.of(8, Combinators.combine(path, Arbitraries.of(0755, 0700, 0777)).as(Mkdir::new)),
                Tuple.of(3, path.map(Rmdir::new)),
                Tuple.of(7, Combinators.combine(path, Arbitraries.of(0, 1, 100, 4095, 4096, 4097, 9000),
                        Arbitraries.integers().between(0, 255)).as(Write::new)),
                Tuple.of(2, path.map(CreateExcl::new)),
                Tuple.of(4, path.map(Read::new)),
                Tuple.of(3, path.map(Unlink::new)),
                Tuple.of(6, Combinators.combine(path, path, renameFlags).as(Rename::new)),
                Tuple.of(3, Combinators.combine(path, path).as(Link::new)),
                Tuple.of(3, Combinators.combine(target, path).as((t, p) -> new Symlink(t, p))),
                Tuple.of(3, Combinators.combine(path, Arbitraries.of(-1L, 0L, 1L, 100L, 4096L, 5000L, 10_000L))
                        .as(Truncate::new)),
                Tuple.of(2, Combinators.combine(path, Arbitraries.of(0755, 0700, 0644, 0600, 0, 0777)).as(Chmod::new)),
                Tuple.of(6, Combinators.combine(path, Arbitraries.of(true, false)).as(StatOp::new)),
                Tuple.of(3, path.map(Getdents::new)),
                Tuple.of(2, Arbitraries.integers().between(1, 6).map(CacheOp::new)));
        return op.list().ofMinSize(30).ofMaxSize(150);
    }

    @Property(tries = 300)
    void engineAgreesWithTheModel(@ForAll("operations") List<Op> ops) {
        Kernel k = Kernel.boot();
        Process p = Process.init(k);
        Model model = new Model();
        Map<Integer, Long> inoOfNode = new HashMap<>();
        Map<Long, Integer> nodeOfIno = new HashMap<>();
        for (int step = 0; step < ops.size(); step++) {
            Op op = ops.get(step);
            String expected = model.apply(op);
            String actual = engine(k, p, op);
            int inoAt = actual.indexOf(" ino ");
            assertThat(inoAt < 0 ? actual : actual.substring(0, inoAt)).as("step %d: %s", step, op)
                    .isEqualTo(expected);
            if (op instanceof StatOp s && actual.startsWith("ok")) {
                Model.Node n = model.resolve(s.path(), s.follow());
                long ino = Long.parseLong(actual.substring(actual.lastIndexOf(' ') + 1));
                Long known = inoOfNode.putIfAbsent(n.id, ino);
                Integer knownNode = nodeOfIno.putIfAbsent(ino, n.id);
                assertThat(known == null ? ino : known).as("step %d: same object, same ino: %s", step, op).isEqualTo(ino);
                assertThat(knownNode == null ? n.id : knownNode).as("step %d: one ino per object: %s", step, op)
                        .isEqualTo(n.id);
            }
            CacheInvariants.assertDentryCountersExact(k);
        }
    }

    // ---- the engine side --------------------------------------------------------------------

    private static String engine(Kernel k, Process p, Op op) {
        try {
            if (op instanceof Mkdir m) {
                p.mkdir(m.path(), m.mode());
                return "ok";
            } else if (op instanceof Rmdir r) {
                p.rmdir(r.path());
                return "ok";
            } else if (op instanceof Write w) {
                int fd = p.open(w.path(), OpenFlags.O_CREAT | OpenFlags.O_WRONLY | OpenFlags.O_TRUNC, 0644);
                try {
                    byte[] data = Model.data(w.size(), w.seed());
                    ByteBuffer buf = ByteBuffer.wrap(data);
                    while (buf.hasRemaining()) {
                        p.write(fd, buf);
                    }
                } finally {
                    p.close(fd);
                }
                return "ok";
            } else if (op instanceof CreateExcl c) {
                p.close(p.open(c.path(), OpenFlags.O_CREAT | OpenFlags.O_EXCL | OpenFlags.O_WRONLY, 0600));
                return "ok";
            } else if (op instanceof Read r) {
                int fd = p.open(r.path(), OpenFlags.O_RDONLY);
                try {
                    ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
                    while (p.read(fd, buf) > 0) {
                        // until EOF
                    }
                    return Model.digest(Arrays.copyOf(buf.array(), buf.position()));
                } finally {
                    p.close(fd);
                }
            } else if (op instanceof Unlink u) {
                p.unlink(u.path());
                return "ok";
            } else if (op instanceof Rename r) {
                p.rename(r.from(), r.to(), r.flags());
                return "ok";
            } else if (op instanceof Link l) {
                p.link(l.from(), l.to());
                return "ok";
            } else if (op instanceof Symlink s) {
                p.symlink(s.target(), s.path());
                return "ok";
            } else if (op instanceof Truncate t) {
                p.truncate(t.path(), t.length());
                return "ok";
            } else if (op instanceof Chmod c) {
                p.chmod(c.path(), c.mode());
                return "ok";
            } else if (op instanceof StatOp s) {
                Stat st = s.follow() ? p.stat(s.path()) : p.lstat(s.path());
                String size = st.isDir() ? "-" : Long.toString(st.size());
                return "ok " + Integer.toOctalString(st.mode()) + " nlink=" + st.nlink() + " size=" + size
                        + " ino " + st.ino();
            } else if (op instanceof Getdents g) {
                int fd = p.open(g.path(), OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY);
                try {
                    TreeMap<String, Integer> names = new TreeMap<>();
                    List<DirEntry> batch;
                    while (!(batch = p.getdents(fd, 3)).isEmpty()) {
                        for (DirEntry e : batch) {
                            if (!e.name().equals(".") && !e.name().equals("..")) {
                                assertThat(names.put(e.name(), e.type())).as("listed twice: %s", e).isNull();
                            }
                        }
                    }
                    return names.toString();
                } finally {
                    p.close(fd);
                }
            } else if (op instanceof CacheOp c) {
                SuperBlock sb = k.namespace().root().sb();
                switch (c.kind()) {
                    case 1, 2, 3 -> k.dropCaches(c.kind());
                    case 4 -> k.shrinkSuper(sb, 5);
                    case 5 -> k.sync();
                    default -> k.dcache().shrinkSb(sb);
                }
                return "ok";
            }
            throw new IllegalStateException(op.toString());
        } catch (VfsException e) {
            return "error " + e.errno();
        }
    }

    // ---- the reference model ----------------------------------------------------------------

    /**
     * A namespace as a plain tree of nodes with POSIX/Linux rules and nothing else: no caches,
     * no locks, no inode numbers. Errors are thrown as {@link Fail}.
     */
    static final class Model {
        static final int MAXSYMLINKS = 40;

        static final class Node {
            final int id;
            final char type; // 'd', 'f', 'l'
            int perms;
            byte[] data = new byte[0];
            String target;
            int links = 1;
            Node parent;
            final TreeMap<String, Node> children = new TreeMap<>();

            Node(int id, char type, int perms) {
                this.id = id;
                this.type = type;
                this.perms = perms;
            }

            boolean isDir() {
                return type == 'd';
            }

            int nlink() {
                if (!isDir()) {
                    return links;
                }
                return 2 + (int) children.values().stream().filter(Node::isDir).count();
            }

            int dtype() {
                return type == 'd' ? FileMode.DT_DIR : type == 'l' ? FileMode.DT_LNK : FileMode.DT_REG;
            }

            int mode() {
                return perms | (type == 'd' ? FileMode.S_IFDIR : type == 'l' ? FileMode.S_IFLNK : FileMode.S_IFREG);
            }

            long size() {
                return type == 'l' ? target.length() : data.length;
            }
        }

        static final class Fail extends RuntimeException {
            final Errno errno;

            Fail(Errno errno) {
                super(errno.name(), null, false, false);
                this.errno = errno;
            }
        }

        private record Parent(Node dir, String last) {
        }

        private int nextId = 1;
        private final Node root = new Node(nextId++, 'd', 0755);
        private int links;

        Model() {
            root.parent = root;
        }

        static byte[] data(int size, int seed) {
            byte[] b = new byte[size];
            for (int i = 0; i < size; i++) {
                b[i] = (byte) (seed + i * 7 + (i >> 12));
            }
            return b;
        }

        static String digest(byte[] data) {
            return "data " + data.length + " " + Arrays.hashCode(data);
        }

        String apply(Op op) {
            links = 0;
            try {
                if (op instanceof Mkdir m) {
                    return mkdir(m);
                } else if (op instanceof Rmdir r) {
                    return rmdir(r.path());
                } else if (op instanceof Write w) {
                    return write(w);
                } else if (op instanceof CreateExcl c) {
                    return createExcl(c.path());
                } else if (op instanceof Read r) {
                    return read(r.path());
                } else if (op instanceof Unlink u) {
                    return unlink(u.path());
                } else if (op instanceof Rename r) {
                    return rename(r);
                } else if (op instanceof Link l) {
                    return link(l);
                } else if (op instanceof Symlink s) {
                    return symlink(s);
                } else if (op instanceof Truncate t) {
                    return truncate(t);
                } else if (op instanceof Chmod c) {
                    resolve(c.path(), true).perms = c.mode() & 07777;
                    return "ok";
                } else if (op instanceof StatOp s) {
                    Node n = resolve(s.path(), s.follow());
                    return "ok " + Integer.toOctalString(n.mode()) + " nlink=" + n.nlink() + " size="
                            + (n.isDir() ? "-" : Long.toString(n.size()));
                } else if (op instanceof Getdents g) {
                    return getdents(g.path());
                }
                return "ok";
            } catch (Fail f) {
                return "error " + f.errno;
            }
        }

        /** The node a path names; intermediate symlinks are always followed, the last one if asked. */
        Node resolve(String path, boolean followLast) {
            links = 0;
            return walk(root, path, followLast);
        }

        private Node walk(Node base, String path, boolean followLast) {
            List<String> comps = components(path);
            Node cur = path.startsWith("/") ? root : base;
            for (int i = 0; i < comps.size(); i++) {
                cur = step(cur, comps.get(i), i < comps.size() - 1 || followLast);
            }
            return cur;
        }

        /** One component: the directory must be one, the name must exist; links followed if asked. */
        private Node step(Node dir, String name, boolean follow) {
            if (!dir.isDir()) {
                throw new Fail(Errno.ENOTDIR);
            }
            Node child = dir.children.get(name);
            if (child == null) {
                throw new Fail(Errno.ENOENT);
            }
            if (child.type == 'l' && follow) {
                countLink();
                return walk(dir, child.target, true);
            }
            return child;
        }

        private void countLink() {
            if (++links > MAXSYMLINKS) {
                throw new Fail(Errno.ELOOP);
            }
        }

        private static List<String> components(String path) {
            List<String> out = new ArrayList<>();
            for (String c : path.split("/")) {
                if (!c.isEmpty()) {
                    out.add(c);
                }
            }
            return out;
        }

        /** filename_parentat: the directory holding the last component, and that name. */
        private Parent parent(Node base, String path) {
            List<String> comps = components(path);
            Node dir = path.startsWith("/") ? root : base;
            for (int i = 0; i < comps.size() - 1; i++) {
                dir = step(dir, comps.get(i), true);
            }
            if (!dir.isDir()) {
                throw new Fail(Errno.ENOTDIR);
            }
            return new Parent(dir, comps.get(comps.size() - 1));
        }

        private Node add(Parent at, char type, int perms) {
            Node n = new Node(nextId++, type, perms);
            at.dir.children.put(at.last, n);
            if (type == 'd') {
                n.parent = at.dir;
            }
            return n;
        }

        private static void dropName(Parent at) {
            Node n = at.dir.children.remove(at.last);
            if (!n.isDir()) {
                n.links--;
            }
        }

        private String mkdir(Mkdir m) {
            Parent at = parent(root, m.path());
            if (at.dir.children.containsKey(at.last)) {
                throw new Fail(Errno.EEXIST);
            }
            add(at, 'd', m.mode() & 0777 & ~022);
            return "ok";
        }

        private String rmdir(String path) {
            Parent at = parent(root, path);
            Node n = at.dir.children.get(at.last);
            if (n == null) {
                throw new Fail(Errno.ENOENT);
            }
            if (!n.isDir()) {
                throw new Fail(Errno.ENOTDIR);
            }
            if (!n.children.isEmpty()) {
                throw new Fail(Errno.ENOTEMPTY);
            }
            at.dir.children.remove(at.last);
            return "ok";
        }

        /** open(O_CREAT | O_WRONLY | O_TRUNC): a final symlink is followed, even to create its target. */
        private String write(Write w) {
            Parent at = parent(root, w.path());
            while (true) {
                Node n = at.dir.children.get(at.last);
                if (n == null) {
                    n = add(at, 'f', 0644);
                } else if (n.type == 'l') {
                    countLink();
                    at = parent(at.dir, n.target);
                    continue;
                } else if (n.isDir()) {
                    throw new Fail(Errno.EISDIR);
                }
                n.data = data(w.size(), w.seed());
                return "ok";
            }
        }

        /** open(O_CREAT | O_EXCL): never follows; any name there is EEXIST. */
        private String createExcl(String path) {
            Parent at = parent(root, path);
            if (at.dir.children.containsKey(at.last)) {
                throw new Fail(Errno.EEXIST);
            }
            add(at, 'f', 0600);
            return "ok";
        }

        private String read(String path) {
            Node n = resolve(path, true);
            if (n.isDir()) {
                throw new Fail(Errno.EISDIR);
            }
            return digest(n.data);
        }

        private String unlink(String path) {
            Parent at = parent(root, path);
            Node n = at.dir.children.get(at.last);
            if (n == null) {
                throw new Fail(Errno.ENOENT);
            }
            if (n.isDir()) {
                throw new Fail(Errno.EISDIR);
            }
            dropName(at);
            return "ok";
        }

        /** d_ancestor: the child of {@code ancestor} on the way up from {@code d}, or null. */
        private Node ancestorChild(Node ancestor, Node d) {
            for (Node p = d; p != root; p = p.parent) {
                if (p.parent == ancestor) {
                    return p;
                }
            }
            return null;
        }

        /** do_renameat2 + vfs_rename + simple_rename, in the kernel's order of checks. */
        private String rename(Rename r) {
            boolean exchange = (r.flags() & RenameFlags.RENAME_EXCHANGE) != 0;
            boolean noReplace = (r.flags() & RenameFlags.RENAME_NOREPLACE) != 0;
            if (exchange && noReplace) {
                throw new Fail(Errno.EINVAL);
            }
            Parent from = parent(root, r.from());
            Parent to = parent(root, r.to());
            Node old = from.dir.children.get(from.last);
            if (old == null) {
                throw new Fail(Errno.ENOENT);
            }
            Node victim = to.dir.children.get(to.last);
            if (noReplace && victim != null) {
                throw new Fail(Errno.EEXIST);
            }
            if (exchange && victim == null) {
                throw new Fail(Errno.ENOENT);
            }
            if (from.dir != to.dir) {
                Node trap = ancestorChild(from.dir, to.dir);
                if (trap == null) {
                    trap = ancestorChild(to.dir, from.dir);
                }
                if (old == trap) {
                    throw new Fail(Errno.EINVAL);
                }
                if (victim != null && victim == trap) {
                    throw new Fail(exchange ? Errno.EINVAL : Errno.ENOTEMPTY);
                }
            }
            if (old == victim) {
                return "ok";
            }
            if (victim != null && !exchange) {
                if (old.isDir() && !victim.isDir()) {
                    throw new Fail(Errno.ENOTDIR);
                }
                if (!old.isDir() && victim.isDir()) {
                    throw new Fail(Errno.EISDIR);
                }
                if (victim.isDir() && !victim.children.isEmpty()) {
                    throw new Fail(Errno.ENOTEMPTY);
                }
            }
            if (exchange) {
                from.dir.children.put(from.last, victim);
                to.dir.children.put(to.last, old);
                if (victim.isDir()) {
                    victim.parent = from.dir;
                }
            } else {
                if (victim != null) {
                    dropName(to);
                }
                from.dir.children.remove(from.last);
                to.dir.children.put(to.last, old);
            }
            if (old.isDir()) {
                old.parent = to.dir;
            }
            return "ok";
        }

        /** linkat without AT_SYMLINK_FOLLOW: the old name is not followed. */
        private String link(Link l) {
            Node old = resolve(l.from(), false);
            Parent at = parent(root, l.to());
            if (at.dir.children.containsKey(at.last)) {
                throw new Fail(Errno.EEXIST);
            }
            if (old.isDir()) {
                throw new Fail(Errno.EPERM);
            }
            at.dir.children.put(at.last, old);
            old.links++;
            return "ok";
        }

        private String symlink(Symlink s) {
            Parent at = parent(root, s.path());
            if (at.dir.children.containsKey(at.last)) {
                throw new Fail(Errno.EEXIST);
            }
            add(at, 'l', 0777).target = s.target();
            return "ok";
        }

        private String truncate(Truncate t) {
            if (t.length() < 0) {
                throw new Fail(Errno.EINVAL);
            }
            Node n = resolve(t.path(), true);
            if (n.isDir()) {
                throw new Fail(Errno.EISDIR);
            }
            n.data = Arrays.copyOf(n.data, (int) t.length());
            return "ok";
        }

        private String getdents(String path) {
            Node n = resolve(path, true);
            if (!n.isDir()) {
                throw new Fail(Errno.ENOTDIR);
            }
            TreeMap<String, Integer> names = new TreeMap<>();
            n.children.forEach((name, child) -> names.put(name, child.dtype()));
            return names.toString();
        }
    }
}
