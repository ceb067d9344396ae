package org.vfscope.vfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vfscope.sys.ErrnoAssertions.assertErrno;

import org.junit.jupiter.api.Test;
import org.vfscope.fs.ramfs.RamfsType;

/** register_filesystem, unregister_filesystem and get_fs_type (fs/filesystems.c). */
class FileSystemRegistrySpecTest {

    /** A type that is only ever registered, never mounted. */
    private static FileSystemType named(String name) {
        return new FileSystemType() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public SuperBlock mount(Kernel kernel, String source, int sbFlags, MountOptions options) {
                throw new VfsException(Errno.EINVAL, name, "not mountable");
            }
        };
    }

    @Test
    void bootRegistersRamfs() {
        Kernel k = Kernel.boot();
        assertThat(k.filesystems().names()).contains(RamfsType.NAME);
        assertThat(k.filesystems().lookup(RamfsType.NAME).name()).isEqualTo(RamfsType.NAME);
    }

    @Test
    void registerMakesTheTypeFindableAndListedInOrder() {
        FileSystemRegistry r = new FileSystemRegistry();
        FileSystemType a = named("afs");
        r.register(a);
        r.register(named("bfs"));
        assertThat(r.lookup("afs")).isSameAs(a);
        assertThat(r.names()).containsExactly("afs", "bfs");
    }

    @Test
    void registerOfTakenNameFailsWithEbusy() {
        FileSystemRegistry r = new FileSystemRegistry();
        r.register(named("afs"));
        assertErrno(Errno.EBUSY, () -> r.register(named("afs")));
    }

    @Test
    void unregisterRemovesTheType() {
        FileSystemRegistry r = new FileSystemRegistry();
        r.register(named("afs"));
        r.unregister("afs");
        assertErrno(Errno.ENODEV, () -> r.lookup("afs"));
        assertThat(r.names()).isEmpty();
    }

    @Test
    void unregisterOfUnknownNameFailsWithEinval() {
        assertErrno(Errno.EINVAL, () -> new FileSystemRegistry().unregister("nosuchfs"));
    }

    @Test
    void lookupOfUnknownNameFailsWithEnodev() {
        assertErrno(Errno.ENODEV, () -> new FileSystemRegistry().lookup("nosuchfs"));
    }

    @Test
    void mountOfUnregisteredTypeFailsWithEnodev() {
        Kernel k = Kernel.boot();
        org.vfscope.sys.Process p = org.vfscope.sys.Process.init(k);
        p.mkdir("/mnt", 0755);
        k.filesystems().unregister(RamfsType.NAME);
        assertErrno(Errno.ENODEV, () -> p.mount("none", "/mnt", RamfsType.NAME, null));
    }

    @Test
    void unregisterLeavesExistingMountsWorking() {
        Kernel k = Kernel.boot();
        org.vfscope.sys.Process p = org.vfscope.sys.Process.init(k);
        k.filesystems().unregister(RamfsType.NAME);
        p.mkdir("/still", 0755);
        assertThat(p.stat("/still").isDir()).isTrue();
    }
}
