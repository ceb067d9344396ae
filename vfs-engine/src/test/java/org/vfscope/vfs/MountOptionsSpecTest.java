package org.vfscope.vfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.vfscope.sys.ErrnoAssertions.assertErrno;

import org.junit.jupiter.api.Test;

/** The "opt,opt=value" option strings of mount(8) (vfs_parse_monolithic and the generic flags). */
class MountOptionsSpecTest {

    @Test
    void emptyOrNullStringGivesTheDefaults() {
        assertThat(MountOptions.parse(null).mountFlags()).isEqualTo(MountFlags.DEFAULT);
        assertThat(MountOptions.parse("").fsOptions()).isEmpty();
    }

    @Test
    void genericOptionsBecomeFlagsAndTheRestStaysForTheFilesystemInOrder() {
        MountOptions o = MountOptions.parse("ro,size=1m,nosuid,mode=0700");
        assertThat(o.mountFlags()).isEqualTo(MountFlags.DEFAULT | MountFlags.RDONLY | MountFlags.NOSUID);
        assertThat(o.fsOptions()).containsExactly(entry("size", "1m"), entry("mode", "0700"));
    }

    @Test
    void emptyItemsAreSkipped() {
        MountOptions o = MountOptions.parse(",ro,,size=1m,");
        assertThat(o.mountFlags() & MountFlags.RDONLY).isEqualTo(MountFlags.RDONLY);
        assertThat(o.fsOptions()).containsOnlyKeys("size");
    }

    @Test
    void firstEqualsSignSplitsNameFromValue() {
        assertThat(MountOptions.parse("opt=a=b").fsOptions()).containsExactly(entry("opt", "a=b"));
    }

    @Test
    void optionWithoutValueIsKeptWithNullValue() {
        assertThat(MountOptions.parse("flagopt").fsOptions()).containsEntry("flagopt", null);
    }

    @Test
    void emptyOptionNameFailsWithEinval() {
        assertErrno(Errno.EINVAL, () -> MountOptions.parse("=x"));
    }

    @Test
    void laterGenericOptionOverridesEarlierOne() {
        assertThat(MountOptions.parse("ro,rw").mountFlags() & MountFlags.RDONLY).isZero();
        assertThat(MountOptions.parse("noatime,relatime").mountFlags())
                .isEqualTo(MountFlags.RELATIME);
    }

    @Test
    void noatimeReplacesRelatimeAndStrictatimeClearsBoth() {
        assertThat(MountOptions.parse("noatime").mountFlags()).isEqualTo(MountFlags.NOATIME);
        assertThat(MountOptions.parse("strictatime").mountFlags()).isZero();
    }

    @Test
    void defaultsResetTheGenericFlags() {
        assertThat(MountOptions.parse("ro,nosuid,defaults").mountFlags()).isEqualTo(MountFlags.DEFAULT);
    }

    @Test
    void parseStartsFromTheGivenFlagsForRemount() {
        int current = MountFlags.DEFAULT | MountFlags.NOSUID;
        assertThat(MountOptions.parse("ro", current).mountFlags())
                .isEqualTo(current | MountFlags.RDONLY);
    }

    @Test
    void sizeAcceptsBinarySuffixesInEitherCase() {
        MountOptions o = MountOptions.parse("a=64k,b=10M,c=1g,d=1T,e=4096");
        assertThat(o.size("a")).isEqualTo(64L << 10);
        assertThat(o.size("b")).isEqualTo(10L << 20);
        assertThat(o.size("c")).isEqualTo(1L << 30);
        assertThat(o.size("d")).isEqualTo(1L << 40);
        assertThat(o.size("e")).isEqualTo(4096);
    }

    @Test
    void malformedSizeFailsWithEinval() {
        assertErrno(Errno.EINVAL, () -> MountOptions.parse("size=abc").size("size"));
        assertErrno(Errno.EINVAL, () -> MountOptions.parse("size=").size("size"));
        assertErrno(Errno.EINVAL, () -> MountOptions.parse("size=-1").size("size"));
    }

    @Test
    void valueOptionGivenWithoutValueFailsWithEinval() {
        assertErrno(Errno.EINVAL, () -> MountOptions.parse("size").value("size"));
    }

    @Test
    void octalOptionParsesModes() {
        assertThat(MountOptions.parse("mode=1777").octal("mode")).isEqualTo(01777);
        assertErrno(Errno.EINVAL, () -> MountOptions.parse("mode=9").octal("mode"));
    }

    @Test
    void rejectUnknownNamesTheFirstOptionNotTaken() {
        MountOptions o = MountOptions.parse("size=1m,bogus,other");
        o.size("size");
        assertErrno(Errno.EINVAL, () -> o.rejectUnknown("ramfs"));
    }

    @Test
    void rejectUnknownAcceptsWhenEveryOptionWasTaken() {
        MountOptions o = MountOptions.parse("ro,size=1m");
        o.size("size");
        o.rejectUnknown("ramfs");
    }

    @Test
    void showListsReadWriteFirstThenSetFlagsInKernelOrder() {
        // Linux 6.18: mount -t tmpfs -o ro,nosuid,nodev,noexec,noatime -> "ro,nosuid,nodev,noexec,noatime"
        int flags = MountOptions.parse("noatime,noexec,nodev,nosuid,ro").mountFlags();
        assertThat(MountFlags.show(flags)).isEqualTo("ro,nosuid,nodev,noexec,noatime");
        assertThat(MountFlags.show(MountFlags.DEFAULT)).isEqualTo("rw,relatime");
    }
}
