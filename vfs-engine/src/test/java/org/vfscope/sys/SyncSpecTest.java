package org.vfscope.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vfscope.vfs.OpenFlags.O_CREAT;
import static org.vfscope.vfs.OpenFlags.O_PATH;
import static org.vfscope.vfs.OpenFlags.O_RDONLY;
import static org.vfscope.vfs.OpenFlags.O_RDWR;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.Inode;
import org.vfscope.vfs.Stat;
import org.vfscope.vfs.icache.InodeState;

/**
 * fsync(2), fdatasync(2), sync(2) and syncfs(2) on ramfs: their errors against Linux 6.18 tmpfs,
 * and what they leave in the inode and page caches (fs/sync.c, fs/fs-writeback.c).
 */
class SyncSpecTest extends SpecSupport {
    private int fd;

    @BeforeEach
    void dirtyFile() {
        fd = p.open("/f", O_CREAT | O_RDWR, 0644);
        p.write(fd, bytes("dirty data"));
    }

    private Inode inode(String path) {
        int o = p.open(path, O_PATH);
        try {
            Stat st = p.fstat(o);
            return k.superBlocks().stream().map(sb -> k.icache().find(sb, st.ino()))
                    .filter(i -> i != null && i.sb().dev() == st.dev()).findFirst().orElseThrow();
        } finally {
            p.close(o);
        }
    }

    @Test
    void writeLeavesDirtyPagesBehind() {
        assertThat(inode("/f").state()).contains(InodeState.I_DIRTY_PAGES);
        assertThat(inode("/f").mapping().nrDirty()).isEqualTo(1);
    }

    @Test
    void fsyncWritesPagesAndMetadataAndLeavesTheInodeClean() {
        p.fsync(fd);
        Inode inode = inode("/f");
        assertThat(inode.mapping().nrDirty()).isZero();
        assertThat(inode.hasAnyState(InodeState.DIRTY_ALL)).isFalse();
    }

    @Test
    void fdatasyncWritesTheSizeChangeAWriteMade() {
        p.fdatasync(fd);
        Inode inode = inode("/f");
        assertThat(inode.mapping().nrDirty()).isZero();
        assertThat(inode.hasAnyState(InodeState.DIRTY_ALL)).isFalse();
    }

    @Test
    void fdatasyncLeavesAPureAttributeChangeUnwritten() {
        p.fsync(fd);
        p.chmod("/f", 0600);
        p.fdatasync(fd);
        // fdatasync need not write metadata that reading the data does not need
        assertThat(inode("/f").state()).contains(InodeState.I_DIRTY_SYNC);
        p.fsync(fd);
        assertThat(inode("/f").state()).doesNotContain(InodeState.I_DIRTY_SYNC);
    }

    @Test
    void syncCleansEveryFilesystem() {
        mountSmallRamfs();
        int other = p.open("/small/g", O_CREAT | O_RDWR, 0644);
        p.write(other, bytes("more"));
        p.sync();
        assertThat(inode("/f").hasAnyState(InodeState.DIRTY_ALL)).isFalse();
        assertThat(inode("/small/g").hasAnyState(InodeState.DIRTY_ALL)).isFalse();
    }

    @Test
    void syncfsCleansOnlyTheFilesystemOfTheDescriptor() {
        mountSmallRamfs();
        int other = p.open("/small/g", O_CREAT | O_RDWR, 0644);
        p.write(other, bytes("more"));
        p.syncfs(other);
        assertThat(inode("/small/g").hasAnyState(InodeState.DIRTY_ALL)).isFalse();
        assertThat(inode("/f").state()).contains(InodeState.I_DIRTY_PAGES);
    }

    @Test
    void dataSurvivesDroppingTheCachesAfterFsync() {
        p.fsync(fd);
        p.close(fd);
        k.dropCaches(3);
        assertThat(contents("/f")).isEqualTo("dirty data");
    }

    @Test
    void dirtyDataIsNotDroppedByDropCaches() {
        k.dropCaches(3);
        assertThat(contents("/f")).isEqualTo("dirty data");
    }

    @Test
    void fsyncOnAReadOnlyDescriptorIsAllowed() {
        int r = p.open("/f", O_RDONLY);
        p.fsync(r);
        assertThat(inode("/f").hasAnyState(InodeState.DIRTY_ALL)).isFalse();
    }

    @Test
    void fsyncOfADirectoryIsAllowed() {
        p.mkdir("/d", 0755);
        int d = p.open("/d", O_RDONLY);
        p.fsync(d);
        p.fdatasync(d);
    }

    @Test
    void fsyncChangesNoTimestamps() {
        Stat before = p.fstat(fd);
        tick();
        p.fsync(fd);
        p.fdatasync(fd);
        p.syncfs(fd);
        p.sync();
        // Linux tmpfs: fsync -> no timestamp change
        assertThat(p.fstat(fd)).isEqualTo(before);
    }

    @Test
    void syncCallsOnAReadOnlyMountSucceed() {
        mountReadOnlyRamfs();
        int r = p.open("/mnt/f", O_RDONLY);
        // Linux tmpfs remounted ro: fsync, fdatasync, syncfs -> 0
        p.fsync(r);
        p.fdatasync(r);
        p.syncfs(r);
        p.sync();
    }

    @Test
    void fsyncOfAClosedDescriptorFailsWithEbadf() {
        // Linux: fsync(999) -> EBADF
        assertErrno(Errno.EBADF, () -> p.fsync(999));
    }

    @Test
    void fdatasyncOfAClosedDescriptorFailsWithEbadf() {
        p.close(fd);
        assertErrno(Errno.EBADF, () -> p.fdatasync(fd));
    }

    @Test
    void syncfsOfAClosedDescriptorFailsWithEbadf() {
        // Linux: syncfs(999) -> EBADF
        assertErrno(Errno.EBADF, () -> p.syncfs(999));
    }

    @Test
    void fsyncOfAnOPathDescriptorFailsWithEbadf() {
        int o = p.open("/f", O_PATH);
        // Linux tmpfs: fsync(O_PATH fd) -> EBADF
        assertErrno(Errno.EBADF, () -> p.fsync(o));
    }

    @Test
    void fdatasyncOfAnOPathDescriptorFailsWithEbadf() {
        int o = p.open("/f", O_PATH);
        // Linux tmpfs: fdatasync(O_PATH fd) -> EBADF
        assertErrno(Errno.EBADF, () -> p.fdatasync(o));
    }

    @Test
    void syncfsOfAnOPathDescriptorFailsWithEbadf() {
        int o = p.open("/f", O_PATH);
        // Linux tmpfs: syncfs(O_PATH fd) -> EBADF
        assertErrno(Errno.EBADF, () -> p.syncfs(o));
    }
}
