package org.vfscope.fs.ramfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.vfscope.sys.Process;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.OpenFlags;
import org.vfscope.vfs.VfsException;

/** Without size=, ramfs is bounded by half the heap (as tmpfs by half of RAM), never by a crash. */
class RamfsDefaultSizeTest {

    @Test
    void fallocateBeyondTheDefaultSizeFailsWithEnospcAndAllocatesNothing() {
        Process p = Process.init(Kernel.boot());
        int fd = p.open("/big", OpenFlags.O_CREAT | OpenFlags.O_RDWR, 0644);
        long before = p.statfs("/").blocksFree();

        assertThatThrownBy(() -> p.fallocate(fd, 0, 0, 1L << 40))
                .isInstanceOf(VfsException.class)
                .extracting(e -> ((VfsException) e).errno()).isEqualTo(Errno.ENOSPC);
        assertThat(p.fstat(fd).blocks()).isZero();
        assertThat(p.statfs("/").blocksFree()).isEqualTo(before);
    }

    @Test
    void theDefaultSizeIsHalfTheHeapAndIsNotShownAsAnOption() {
        Kernel k = Kernel.boot();
        Process p = Process.init(k);
        long expectedBlocks = Runtime.getRuntime().maxMemory() / 2 / 4096;

        assertThat(p.statfs("/").blocks()).isEqualTo(expectedBlocks);
        assertThat(k.procMounts().get(0)).doesNotContain("size=");
    }
}
