package org.vfscope.visualizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.vfscope.sys.Process;
import org.vfscope.trace.LiveSnapshotSource;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.KernelClock;
import org.vfscope.vfs.OpenFlags;
import org.vfscope.visualizer.dentry.DentryCacheModel;
import org.vfscope.visualizer.dentry.DentryCacheModelBuilder;
import org.vfscope.visualizer.page.PageCacheModel;
import org.vfscope.visualizer.page.PageCacheModelBuilder;

/**
 * Frames of an incremental live source: when nothing changed the views keep what they derived
 * (names, outline, page lists), and as soon as something changes they show it.
 */
class IncrementalFrameTest {

    @Test
    void anUnchangedEngineReusesNamesAndModelsAndAChangeShowsAtOnce() {
        Kernel k = Kernel.boot(new KernelClock.Manual(Instant.parse("2030-01-01T00:00:00Z")));
        Process p = Process.init(k);
        p.mkdir("/etc", 0755);
        int fd = p.open("/etc/motd", OpenFlags.O_CREAT | OpenFlags.O_WRONLY, 0644);
        p.write(fd, new byte[3 * 4096]);
        p.close(fd);
        SnapshotFeed feed = new SnapshotFeed(new LiveSnapshotSource(k, k.trace()));
        DentryCacheModelBuilder dentries = new DentryCacheModelBuilder();
        PageCacheModelBuilder pages = new PageCacheModelBuilder();

        Frame first = feed.pollOnce();
        DentryCacheModel d1 = dentries.build(first);
        PageCacheModel p1 = pages.build(first);
        Frame second = feed.pollOnce();
        DentryCacheModel d2 = dentries.build(second);
        PageCacheModel p2 = pages.build(second);

        assertThat(second.snapshot().dcache().dentries()).isSameAs(first.snapshot().dcache().dentries());
        assertThat(second.names()).isSameAs(first.names());
        assertThat(d2.rows()).isSameAs(d1.rows());
        assertThat(p2.inactive()).isSameAs(p1.inactive());
        assertThat(p2.seq()).isGreaterThan(p1.seq());

        fd = p.open("/etc/hosts", OpenFlags.O_CREAT | OpenFlags.O_WRONLY, 0644);
        p.write(fd, new byte[4096]);
        p.close(fd);
        Frame third = feed.pollOnce();
        DentryCacheModel d3 = dentries.build(third);
        PageCacheModel p3 = pages.build(third);

        assertThat(third.names()).isNotSameAs(first.names());
        assertThat(d3.rows()).extracting(r -> r.dentry().name()).contains("hosts", "motd");
        assertThat(p3.inactive().size() + p3.active().size()).isEqualTo(4);
        assertThat(third.names().pathOf(p.stat("/etc/hosts").dev(), p.stat("/etc/hosts").ino()))
                .isEqualTo("/etc/hosts");
    }
}
