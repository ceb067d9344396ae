package org.vfscope.vfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vfscope.sys.Process;
import org.vfscope.vfs.lock.LockValidator;

/**
 * Four threads share one tree: lookups, creates, renames (of files and of whole directories,
 * across the shared directories) and unlinks, a fixed number of operations each, with the lock
 * validator on and the shrinker running alongside. Each thread owns its names, so the final tree
 * is known exactly from what the threads did; only lookups of other threads' names may fail,
 * and only with ENOENT.
 */
class ConcurrencyTest {
    private static final int THREADS = 4;
    private static final int OPS_PER_THREAD = 10000;
    private static final int FILES_PER_THREAD = 8;
    private static final String[] SHARED = {"/d0", "/d1", "/d2", "/d3"};

    @BeforeEach
    void enable() {
        LockValidator.enable();
    }

    @AfterEach
    void disable() {
        LockValidator.disable();
    }

    /** What one thread owns: where each of its files is, and where its directory is. */
    private static final class Owner {
        final int id;
        final Process p;
        final Random rnd;
        final Map<String, String> fileDir = new HashMap<>();
        final String subName;
        String subParent;
        final List<String> unexpected = new ArrayList<>();

        Owner(int id, Process p) {
            this.id = id;
            this.p = p;
            this.rnd = new Random(1000 + id);
            this.subName = "t" + id + "sub";
            this.subParent = SHARED[id];
        }

        String sub() {
            return subParent + "/" + subName;
        }

        String fileName(int i) {
            return "t" + id + "f" + i;
        }

        /** A place for a file: one of the shared directories or this thread's own directory. */
        String randomDir() {
            int r = rnd.nextInt(SHARED.length + 1);
            return r == SHARED.length ? sub() : SHARED[r];
        }
    }

    @Test
    void racingLookupsCreatesRenamesAndUnlinksLoseNothing() {
        Kernel k = Kernel.boot();
        Process init = Process.init(k);
        for (String d : SHARED) {
            init.mkdir(d, 0755);
        }
        List<Owner> owners = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Owner o = new Owner(t, init.fork(Credentials.ROOT));
            o.p.mkdir(o.sub(), 0755);
            owners.add(o);
        }
        SuperBlock sb = k.namespace().root().sb();
        CyclicBarrier start = new CyclicBarrier(THREADS);

        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (Owner o : owners) {
                    done.add(pool.submit(() -> {
                        start.await();
                        run(k, sb, o, owners);
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
        }, "deadlock: the threads did not finish");

        List<String> unexpected = new ArrayList<>();
        owners.forEach(o -> unexpected.addAll(o.unexpected));
        assertThat(unexpected).as("errors the races cannot explain").isEmpty();
        assertThat(LockValidator.violations()).isEmpty();

        Set<String> expected = new TreeSet<>();
        for (Owner o : owners) {
            expected.add(o.sub());
            o.fileDir.forEach((name, dir) -> expected.add(dir + "/" + name));
        }
        Set<String> listed = new TreeSet<>();
        for (String d : SHARED) {
            list(init, d, listed);
        }
        for (Owner o : owners) {
            list(init, o.sub(), listed);
        }
        assertThat(listed).as("names reachable by getdents").isEqualTo(expected);
        CacheInvariants.assertDentryCountersExact(k);
        k.dropCaches(3);
        CacheInvariants.assertDentryCountersExact(k);
        for (String path : expected) {
            assertThat(init.stat(path)).as(path).isNotNull();
        }
    }

    private static void list(Process p, String dir, Set<String> out) {
        int fd = p.open(dir, OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY);
        try {
            List<DirEntry> batch;
            while (!(batch = p.getdents(fd, 16)).isEmpty()) {
                for (DirEntry e : batch) {
                    if (!e.name().equals(".") && !e.name().equals("..")) {
                        out.add(dir + "/" + e.name());
                    }
                }
            }
        } finally {
            p.close(fd);
        }
    }

    private static void run(Kernel k, SuperBlock sb, Owner o, List<Owner> owners) {
        for (int n = 0; n < OPS_PER_THREAD; n++) {
            int choice = o.rnd.nextInt(100);
            String what = "?";
            try {
                if (choice < 20) {
                    int i = o.rnd.nextInt(FILES_PER_THREAD);
                    String name = o.fileName(i);
                    if (!o.fileDir.containsKey(name)) {
                        String dir = o.randomDir();
                        what = "create " + dir + "/" + name;
                        o.p.close(o.p.open(dir + "/" + name, OpenFlags.O_CREAT | OpenFlags.O_EXCL | OpenFlags.O_WRONLY, 0644));
                        o.fileDir.put(name, dir);
                    }
                } else if (choice < 40) {
                    String name = o.fileName(o.rnd.nextInt(FILES_PER_THREAD));
                    String dir = o.fileDir.get(name);
                    if (dir != null) {
                        what = "stat own " + dir + "/" + name;
                        assertRegular(o, o.p.stat(dir + "/" + name), what);
                    }
                } else if (choice < 60) {
                    Owner other = owners.get(o.rnd.nextInt(owners.size()));
                    String name = other.fileName(o.rnd.nextInt(FILES_PER_THREAD));
                    String dir = o.rnd.nextBoolean() ? SHARED[o.rnd.nextInt(SHARED.length)]
                            : SHARED[o.rnd.nextInt(SHARED.length)] + "/" + other.subName;
                    what = "stat foreign " + dir + "/" + name;
                    try {
                        assertRegular(o, o.p.stat(dir + "/" + name), what);
                    } catch (VfsException e) {
                        if (e.errno() != Errno.ENOENT || other == o && o.fileDir.containsKey(name)
                                && (dir + "/" + name).equals(o.fileDir.get(name) + "/" + name)) {
                            throw e;
                        }
                    }
                } else if (choice < 75) {
                    String name = o.fileName(o.rnd.nextInt(FILES_PER_THREAD));
                    String from = o.fileDir.get(name);
                    if (from != null) {
                        String to = o.randomDir();
                        String newName = o.fileName(o.rnd.nextInt(FILES_PER_THREAD));
                        // Never onto itself: RENAME_NOREPLACE would rightly say EEXIST.
                        if (!o.fileDir.containsKey(newName) || newName.equals(name) && !to.equals(from)) {
                            what = "rename " + from + "/" + name + " -> " + to + "/" + newName;
                            o.p.rename(from + "/" + name, to + "/" + newName, RenameFlags.RENAME_NOREPLACE);
                            o.fileDir.remove(name);
                            o.fileDir.put(newName, to);
                        }
                    }
                } else if (choice < 85) {
                    String name = o.fileName(o.rnd.nextInt(FILES_PER_THREAD));
                    String dir = o.fileDir.get(name);
                    if (dir != null) {
                        what = "unlink " + dir + "/" + name;
                        o.p.unlink(dir + "/" + name);
                        o.fileDir.remove(name);
                    }
                } else if (choice < 92) {
                    String to = SHARED[o.rnd.nextInt(SHARED.length)];
                    if (!to.equals(o.subParent)) {
                        String oldSub = o.sub();
                        what = "rename dir " + oldSub + " -> " + to;
                        o.p.rename(oldSub, to + "/" + o.subName);
                        o.subParent = to;
                        o.fileDir.replaceAll((name, dir) -> dir.equals(oldSub) ? o.sub() : dir);
                    }
                } else if (choice < 97) {
                    String dir = SHARED[o.rnd.nextInt(SHARED.length)];
                    what = "getdents " + dir;
                    list(o.p, dir, new TreeSet<>());
                } else {
                    what = "shrink";
                    k.shrinkSuper(sb, 1 + o.rnd.nextInt(30));
                }
            } catch (VfsException e) {
                o.unexpected.add("thread " + o.id + ": " + what + ": " + e.errno());
            } catch (RuntimeException | Error e) {
                o.unexpected.add("thread " + o.id + ": " + what + ": " + e);
                if (o.unexpected.size() > 20) {
                    return;
                }
            }
        }
    }

    private static void assertRegular(Owner o, Stat st, String what) {
        if (!st.isRegular()) {
            o.unexpected.add("thread " + o.id + ": " + what + ": not a regular file: " + st);
        }
    }
}
