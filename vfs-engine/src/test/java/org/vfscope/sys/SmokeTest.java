package org.vfscope.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.OpenFlags;
import org.vfscope.vfs.VfsException;

class SmokeTest {
    @Test
    void createWriteReadBack() {
        Kernel k = Kernel.boot();
        Process p = Process.init(k);
        p.mkdir("/a", 0755);
        p.mkdir("/a/b", 0755);
        int fd = p.open("/a/b/f", OpenFlags.O_CREAT | OpenFlags.O_RDWR, 0644);
        p.write(fd, "hello".getBytes(StandardCharsets.UTF_8));
        p.close(fd);
        fd = p.open("/a/./b/../b//f", OpenFlags.O_RDONLY);
        ByteBuffer buf = ByteBuffer.allocate(100);
        int n = p.read(fd, buf);
        assertThat(new String(buf.array(), 0, n, StandardCharsets.UTF_8)).isEqualTo("hello");
        p.close(fd);
        p.symlink("b/f", "/a/l");
        assertThat(p.stat("/a/l").size()).isEqualTo(5);
        assertThatThrownBy(() -> p.stat("/a/nope")).isInstanceOf(VfsException.class)
                .extracting(e -> ((VfsException) e).errno()).isEqualTo(Errno.ENOENT);
        p.rename("/a/b/f", "/a/g");
        p.unlink("/a/g");
        p.rmdir("/a/b");
        k.sync();
        k.dropCaches(3);
        assertThat(p.stat("/a").nlink()).isEqualTo(2);
    }
}
