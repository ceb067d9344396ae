package org.vfscope.fs.ext;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.vfscope.sys.Process;
import org.vfscope.vfs.FileMode;

/** A seeded random walk of operations over the model and the engine together. */
final class ExtRandomOps {
    private final ExtModel m;
    private final int bs;
    private final Random rnd;
    private int counter;

    ExtRandomOps(ExtModel m, int bs, long seed) {
        this.m = m;
        this.bs = bs;
        this.rnd = new Random(seed);
    }

    private List<String> select(java.util.function.Predicate<ExtModel.Node> what) {
        List<String> out = new ArrayList<>();
        m.paths.forEach((p, n) -> {
            if (!p.equals("/lost+found") && what.test(n)) {
                out.add(p);
            }
        });
        return out;
    }

    private String pick(List<String> from) {
        return from.isEmpty() ? null : from.get(rnd.nextInt(from.size()));
    }

    private String fresh(String dir) {
        String[] stems = {"f", "file-", "ünï-", "long-" + "z".repeat(120) + "-"};
        return ExtModel.child(dir, stems[rnd.nextInt(stems.length)] + (counter++));
    }

    private byte[] data() {
        int kind = rnd.nextInt(10);
        int n = kind < 6 ? rnd.nextInt(3 * bs) : kind < 9 ? rnd.nextInt(20 * bs) : rnd.nextInt(300 * bs);
        return SourceTree.bytes(rnd, n);
    }

    void run(Process p, int count) {
        for (int i = 0; i < count; i++) {
            step(p);
        }
    }

    private void step(Process p) {
        List<String> dirs = select(ExtModel.Node::isDir);
        List<String> files = select(n -> n.type == FileMode.S_IFREG);
        List<String> nondirs = select(n -> !n.isDir());
        String dir = pick(dirs);
        switch (rnd.nextInt(16)) {
            case 0, 1 -> m.write(p, fresh(dir), 0644, 0, data());
            case 2 -> {
                String f = pick(files);
                if (f != null) {
                    m.write(p, f, 0644, m.paths.get(f).data.length, data());
                }
            }
            case 3 -> {
                String f = pick(files);
                if (f != null) {
                    long at = rnd.nextInt(m.paths.get(f).data.length + 4 * bs);
                    m.write(p, f, 0644, at, SourceTree.bytes(rnd, rnd.nextInt(2 * bs) + 1));
                }
            }
            case 4 -> {
                String f = pick(files);
                if (f != null) {
                    m.truncate(p, f, rnd.nextInt(m.paths.get(f).data.length * 2 + 1));
                }
            }
            case 5 -> m.mkdir(p, fresh(dir), 0755);
            case 6 -> {
                List<String> empty = new ArrayList<>();
                for (String d : dirs) {
                    if (!d.equals("/") && m.children(d).isEmpty()) {
                        empty.add(d);
                    }
                }
                String d = pick(empty);
                if (d != null) {
                    m.rmdir(p, d);
                }
            }
            case 7 -> {
                String f = pick(nondirs);
                if (f != null) {
                    m.unlink(p, f);
                }
            }
            case 8 -> {
                String f = pick(nondirs);
                if (f != null) {
                    String target = rnd.nextBoolean() ? pick(nondirs) : fresh(dir);
                    if (target != null && !target.equals(f)
                            && (m.paths.get(target) == null || m.paths.get(target) != m.paths.get(f))) {
                        m.rename(p, f, target);
                    }
                }
            }
            case 9 -> {
                String d = pick(dirs);
                if (d != null && !d.equals("/") && !dir.equals(d) && !dir.startsWith(d + "/")) {
                    m.rename(p, d, fresh(dir));
                }
            }
            case 10 -> {
                String f = pick(files);
                if (f != null) {
                    m.link(p, f, fresh(dir));
                }
            }
            case 11 -> m.symlink(p, "t".repeat(1 + rnd.nextInt(rnd.nextBoolean() ? 58 : 300)), fresh(dir));
            case 12 -> {
                String f = pick(select(n -> n.type != FileMode.S_IFLNK));
                if (f != null && !f.equals("/")) {
                    m.chmod(p, f, rnd.nextInt(010000));
                }
            }
            case 13 -> {
                if (rnd.nextBoolean()) {
                    m.mknod(p, fresh(dir), FileMode.S_IFIFO | 0640, 0, 0);
                } else {
                    m.mknod(p, fresh(dir), FileMode.S_IFCHR | 0600, rnd.nextInt(400), rnd.nextInt(70000));
                }
            }
            case 14 -> {
                String f = pick(select(n -> n.type == FileMode.S_IFREG || n.isDir()));
                if (f != null) {
                    String name = "user.a" + rnd.nextInt(5);
                    if (rnd.nextInt(3) == 0 && m.paths.get(f).xattrs.containsKey(name)) {
                        m.removexattr(p, f, name);
                    } else {
                        m.setxattr(p, f, name, SourceTree.bytes(rnd, rnd.nextInt(rnd.nextBoolean() ? 40 : 150)));
                    }
                }
            }
            default -> {
                String d = pick(dirs);
                if (d != null && !d.equals("/") && rnd.nextInt(4) == 0) {
                    m.removeTree(p, d);
                }
            }
        }
    }
}
