package org.vfscope.app.cli.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.vfscope.app.image.Sizes;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.FileMode;
import org.vfscope.vfs.VfsException;

class FormatsTest {

    @Test
    void fileTypesHaveTheJsonNames() {
        assertThat(FileTypes.name(FileMode.S_IFREG | 0644)).isEqualTo("file");
        assertThat(FileTypes.name(FileMode.S_IFDIR | 0755)).isEqualTo("dir");
        assertThat(FileTypes.name(FileMode.S_IFLNK | 0777)).isEqualTo("symlink");
        assertThat(FileTypes.name(FileMode.S_IFIFO)).isEqualTo("fifo");
        assertThat(FileTypes.name(FileMode.S_IFCHR)).isEqualTo("chardev");
        assertThat(FileTypes.name(FileMode.S_IFBLK)).isEqualTo("blockdev");
        assertThat(FileTypes.name(FileMode.S_IFSOCK)).isEqualTo("socket");
    }

    @Test
    void modeStringsAreLsMinusL() {
        assertThat(FileTypes.modeString(FileMode.S_IFREG | 04755)).isEqualTo("-rwsr-xr-x");
        assertThat(FileTypes.modeString(FileMode.S_IFREG | 02640)).isEqualTo("-rw-r-S---");
        assertThat(FileTypes.modeString(FileMode.S_IFDIR | 01777)).isEqualTo("drwxrwxrwt");
        assertThat(FileTypes.modeString(FileMode.S_IFDIR | 01770)).isEqualTo("drwxrwx--T");
        assertThat(FileTypes.modeString(FileMode.S_IFLNK | 0777)).isEqualTo("lrwxrwxrwx");
        assertThat(FileTypes.modeString(FileMode.S_IFCHR | 0)).isEqualTo("c---------");
    }

    @Test
    void deviceNumbersDecodeAsGlibcDoes() {
        long dev = (259L << 8 & 0xfff00) | ((259L & ~0xfffL) << 32) | (70000L & 0xff) | ((70000L & ~0xffL) << 12);
        assertThat(FileTypes.major(dev)).isEqualTo(259);
        assertThat(FileTypes.minor(dev)).isEqualTo(70000);
        assertThat(FileTypes.major(0x0103)).isEqualTo(1);
        assertThat(FileTypes.minor(0x0103)).isEqualTo(3);
    }

    @Test
    void xattrValuesAreTextWhenTheyAreTextAndBase64Otherwise() {
        assertThat(Xattrs.text("text/markdown".getBytes(StandardCharsets.UTF_8))).isEqualTo("text/markdown");
        assertThat(Xattrs.text("with NUL\0".getBytes(StandardCharsets.UTF_8))).isEqualTo("with NUL");
        assertThat(Xattrs.text(new byte[] {2, 0, 0, 0, 1, 0})).isEqualTo("base64:AgAAAAEA");
        assertThat(Xattrs.text(new byte[] {(byte) 0xff})).isEqualTo("base64:/w==");
        assertThat(Xattrs.text("base64:looks like it".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("base64:YmFzZTY0Omxvb2tzIGxpa2UgaXQ=");
    }

    @Test
    void sizesParseLikeMke2fsAndPrintInBinaryUnits() {
        assertThat(SizeArgument.parse("64M")).isEqualTo(64L << 20);
        assertThat(SizeArgument.parse("1g")).isEqualTo(1L << 30);
        assertThat(SizeArgument.parse("512KiB")).isEqualTo(512L << 10);
        assertThat(SizeArgument.parse("4096")).isEqualTo(4096);
        assertThatThrownBy(() -> SizeArgument.parse("0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SizeArgument.parse("12Q")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Sizes.human(6L << 20)).isEqualTo("6 MiB");
        assertThat(Sizes.human(1536)).isEqualTo("1.5 KiB");
        assertThat(Sizes.human(512)).isEqualTo("512 B");
    }

    @Test
    void failureReasonsDropTheEnginesPathButKeepInodesAndDetail() {
        assertThat(Failures.reason(new VfsException(Errno.ENOENT, "/x"))).isEqualTo("No such file or directory");
        assertThat(Failures.reason(new VfsException(Errno.EUCLEAN, "inode 12", "bad extent header")))
                .isEqualTo("inode 12: Structure needs cleaning (bad extent header)");
        assertThat(Failures.reason(new VfsException(Errno.EROFS))).isEqualTo("Read-only file system");
        assertThat(Failures.cannot("stat", "/x", new VfsException(Errno.ENOENT, "/x")).getMessage())
                .isEqualTo("cannot stat '/x': No such file or directory");
    }
}
