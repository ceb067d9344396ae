package org.vfscope.vfs.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vfscope.sys.Process;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.OpenFlags;
import org.vfscope.vfs.RenameFlags;

/** The small lockdep: it must catch inversions and recursion, and stay quiet for the VFS's own orders. */
class LockValidatorTest {
    private static final LockClass A = new LockClass("test_lock_A");
    private static final LockClass B = new LockClass("test_lock_B");

    @BeforeEach
    void enable() {
        LockValidator.enable();
    }

    @AfterEach
    void disable() {
        LockValidator.disable();
    }

    @Test
    void reportsTwoClassesTakenInOppositeOrders() {
        RwSemaphore first = new RwSemaphore();
        Mutex second = new Mutex(B);
        // One place: A then B.
        first.lockExclusive(A);
        second.lock();
        second.unlock();
        first.unlockExclusive();
        assertThat(LockValidator.violations()).isEmpty();

        // Another place, other instances of the same classes: B then A.
        Mutex otherB = new Mutex(B);
        RwSemaphore otherA = new RwSemaphore();
        otherB.lock();
        try {
            assertThatThrownBy(() -> otherA.lockShared(A)).isInstanceOf(LockOrderViolation.class)
                    .hasMessageContaining("inversion");
        } finally {
            otherB.unlock();
        }
        assertThat(LockValidator.violations()).hasSize(1).first().asString()
                .contains(A.name()).contains(B.name());
        assertThat(otherA.isLockedExclusive()).as("the offending acquisition did not happen").isFalse();
    }

    @Test
    void reportsAnInversionThroughAThirdClass() {
        LockClass c = new LockClass("test_lock_C");
        Mutex a = new Mutex(A);
        Mutex b = new Mutex(B);
        Mutex m = new Mutex(c);
        a.lock();
        b.lock();
        b.unlock();
        a.unlock();
        b.lock();
        m.lock();
        m.unlock();
        b.unlock();
        m.lock();
        try {
            assertThatThrownBy(a::lock).isInstanceOf(LockOrderViolation.class);
        } finally {
            m.unlock();
        }
        assertThat(LockValidator.violations()).hasSize(1);
    }

    @Test
    void reportsARecursiveAcquisition() {
        RwSemaphore sem = new RwSemaphore();
        sem.lockShared(A);
        try {
            assertThatThrownBy(() -> sem.lockShared(A)).isInstanceOf(LockOrderViolation.class)
                    .hasMessageContaining("recursive");
        } finally {
            sem.unlockShared();
        }
        Mutex m = new Mutex(B);
        m.lock();
        try {
            assertThatThrownBy(m::lock).isInstanceOf(LockOrderViolation.class);
        } finally {
            m.unlock();
        }
        assertThat(LockValidator.violations()).hasSize(2);
    }

    @Test
    void staysQuietWhenDisabled() {
        LockValidator.disable();
        Mutex a = new Mutex(A);
        Mutex b = new Mutex(B);
        a.lock();
        b.lock();
        b.unlock();
        a.unlock();
        b.lock();
        a.lock();
        a.unlock();
        b.unlock();
        assertThat(LockValidator.violations()).isEmpty();
    }

    @Test
    void staysQuietForTheVfsOwnLockOrders() {
        Kernel k = Kernel.boot();
        Process p = Process.init(k);
        p.mkdir("/a", 0755);
        p.mkdir("/a/sub", 0755);
        p.mkdir("/b", 0755);
        p.mkdir("/b/sub2", 0755);
        for (String f : new String[] {"/a/x", "/b/y", "/a/sub/z", "/top"}) {
            int fd = p.open(f, OpenFlags.O_CREAT | OpenFlags.O_RDWR, 0644);
            p.write(fd, "data".getBytes(StandardCharsets.UTF_8));
            p.close(fd);
        }
        // create and its friends
        p.mknod("/a/fifo", org.vfscope.vfs.FileMode.S_IFIFO | 0644, 0);
        p.symlink("/a/x", "/b/lx");
        p.link("/a/x", "/b/hx");
        int fd = p.open("/a/x", OpenFlags.O_RDWR | OpenFlags.O_TRUNC);
        p.close(fd);
        p.truncate("/b/y", 100);
        p.chmod("/a/x", 0600);
        // rename across directories, in both orders, ancestor and descendant, over targets
        p.rename("/a/x", "/b/x");
        p.rename("/b/y", "/a/y");
        p.rename("/a/sub/z", "/a/z");
        p.rename("/a/z", "/a/sub/z");
        p.rename("/top", "/a/sub/top");
        p.rename("/a/sub/top", "/top");
        p.rename("/b/x", "/a/y");
        p.rename("/a/sub", "/b/sub2");
        p.rename("/b/sub2", "/a/sub", RenameFlags.RENAME_NOREPLACE);
        p.rename("/a/sub", "/b", RenameFlags.RENAME_EXCHANGE);
        p.rename("/b", "/a/sub", RenameFlags.RENAME_EXCHANGE);
        p.rename("/a/y", "/b/hx", RenameFlags.RENAME_EXCHANGE);
        p.rename("/a/fifo", "/a/fifo2");
        // unlink and rmdir
        p.unlink("/b/lx");
        p.unlink("/b/hx");
        p.unlink("/a/y");
        p.unlink("/a/sub/z");
        p.rmdir("/a/sub");
        k.sync();
        k.dropCaches(3);
        p.stat("/a/fifo2");
        p.getdents(p.open("/a", OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY), 100);

        assertThat(LockValidator.violations()).isEmpty();
    }
}
