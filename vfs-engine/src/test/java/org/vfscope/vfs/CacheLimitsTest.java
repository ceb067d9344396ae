package org.vfscope.vfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.vfscope.sys.Process;

/** The dentry and inode caches stay within their bounds however many files are touched. */
class CacheLimitsTest {

    @Test
    void statOfManyFilesKeepsTheDentryCacheWithinItsBound() {
        Kernel k = Kernel.boot();
        Process p = Process.init(k);
        p.mkdir("/d", 0755);
        for (int i = 0; i < 2000; i++) {
            p.close(p.creat("/d/f" + i, 0644));
        }
        k.sync();
        k.setCacheLimits(300, 300);
        for (int i = 0; i < 2000; i++) {
            p.stat("/d/f" + i);
            assertThat(k.dcache().nrDentry()).isLessThanOrEqualTo(300);
        }
        assertThat(k.icache().nrInodes()).isLessThanOrEqualTo(300);
    }

    @Test
    void negativeLookupsDoNotGrowTheCachePastItsBound() {
        Kernel k = Kernel.boot();
        Process p = Process.init(k);
        k.setCacheLimits(100, 100);
        for (int i = 0; i < 1000; i++) {
            assertThatThrownBy(() -> p.stat("/missing" + System.nanoTime())).isInstanceOf(VfsException.class);
        }
        assertThat(k.dcache().nrDentry()).isLessThanOrEqualTo(100);
        assertThat(k.dcache().stats().nrNegative()).isLessThanOrEqualTo(100);
    }

    @Test
    void filesEvictedUnderTheBoundReadBackWithTheirContent() {
        Kernel k = Kernel.boot();
        Process p = Process.init(k);
        p.mkdir("/d", 0755);
        for (int i = 0; i < 500; i++) {
            int fd = p.creat("/d/f" + i, 0644);
            p.write(fd, ("content " + i).getBytes());
            p.close(fd);
        }
        k.sync();
        // Pages pin inodes (they stay off the inode LRU), so drop the clean pages first.
        k.dropCaches(1);
        k.setCacheLimits(50, 50);
        for (int i = 0; i < 500; i++) {
            p.stat("/d/f" + i);
        }
        assertThat(k.icache().nrInodes()).isLessThanOrEqualTo(50);
        for (int i = 0; i < 500; i++) {
            int fd = p.open("/d/f" + i, OpenFlags.O_RDONLY);
            byte[] buf = new byte[64];
            int n = p.read(fd, buf, 0, buf.length);
            p.close(fd);
            assertThat(new String(buf, 0, n)).isEqualTo("content " + i);
        }
    }

    @Test
    void limitsBelowOneAreRejected() {
        Kernel k = Kernel.boot();
        assertThatThrownBy(() -> k.setCacheLimits(0, 10)).isInstanceOf(VfsException.class)
                .extracting(e -> ((VfsException) e).errno()).isEqualTo(Errno.EINVAL);
    }
}
