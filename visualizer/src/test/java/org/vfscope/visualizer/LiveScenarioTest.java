package org.vfscope.visualizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vfscope.visualizer.ViewTestSupport.showNextFrame;

import java.nio.ByteBuffer;
import java.time.Instant;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.vfscope.mm.FolioFlag;
import org.vfscope.sys.Process;
import org.vfscope.trace.InodeInfo;
import org.vfscope.trace.LiveSnapshotSource;
import org.vfscope.trace.PageInfo;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.KernelClock;
import org.vfscope.vfs.OpenFlags;
import org.vfscope.vfs.icache.InodeState;
import org.vfscope.visualizer.canvas.CanvasView;

/** The five views on a real ramfs kernel, following a read, a second read, a write and a sync. */
@ExtendWith(ApplicationExtension.class)
class LiveScenarioTest {
    private static final int PAGES = 16;

    private Kernel kernel;
    private Process proc;
    private CacheViews views;

    @Start
    void start(Stage stage) {
        kernel = Kernel.boot(new KernelClock.Manual(Instant.parse("2025-01-01T00:00:00Z")));
        proc = Process.init(kernel);
        int fd = proc.open("/f", OpenFlags.O_CREAT | OpenFlags.O_WRONLY, 0644);
        proc.write(fd, new byte[PAGES * 4096]);
        proc.close(fd);
        kernel.sync();
        kernel.dropCaches(1);
        views = new CacheViews(new SnapshotFeed(new LiveSnapshotSource(kernel, kernel.trace())),
                org.vfscope.visualizer.block.BlockDevice.of("none", 0, 4096));
        views.show(CacheViews.Kind.PAGES);
        // The test reads every view's model, the hidden tabs' too.
        views.views().forEach(v -> v.setBuildWhileHidden(true));
        stage.setScene(new Scene(views, 1400, 900));
        stage.show();
        stage.requestFocus();
    }

    /** One snapshot through all five views; the page cache view (the tab shown) paints it. */
    private void frame() {
        long before = views.pages().framesDrawn();
        java.util.List<Object> shown = new java.util.ArrayList<>();
        for (CanvasView<?> v : views.views()) {
            shown.add(v.model());
        }
        views.feed().pollOnce();
        for (int i = 0; i < shown.size(); i++) {
            CanvasView<?> v = views.views().get(i);
            Object old = shown.get(i);
            ViewTestSupport.await(() -> v.model() != old);
        }
        ViewTestSupport.await(() -> views.pages().framesDrawn() > before);
    }

    private void readAll() {
        int fd = proc.open("/f", OpenFlags.O_RDONLY);
        ByteBuffer buf = ByteBuffer.allocate(4096);
        while (true) {
            buf.clear();
            if (proc.read(fd, buf) <= 0) {
                break;
            }
        }
        proc.close(fd);
    }

    private InodeInfo inodeOfF() {
        long ino = proc.stat("/f").ino();
        return views.inodes().model().inodes().stream().filter(i -> i.ino() == ino).findFirst().orElseThrow();
    }

    @Test
    void aReadFillsTheInactiveListASecondReadActivatesAWriteDirtiesAndSyncCleans() {
        frame();
        assertThat(views.pages().model().inactive()).isEmpty();
        assertThat(views.dentries().model().rows()).extracting(r -> r.dentry().name()).contains("f");

        readAll();
        frame();
        assertThat(views.pages().model().inactive()).hasSize(PAGES);
        assertThat(views.pages().model().active()).isEmpty();

        readAll();
        frame();
        assertThat(views.pages().model().active()).as("the second read activates").hasSize(PAGES);

        int fd = proc.open("/f", OpenFlags.O_WRONLY);
        proc.write(fd, new byte[2 * 4096]);
        proc.close(fd);
        frame();
        assertThat(allPages()).filteredOn(p -> p.flags().contains(FolioFlag.DIRTY))
                .extracting(PageInfo::index).containsExactlyInAnyOrder(0L, 1L);
        assertThat(inodeOfF().state()).contains(InodeState.I_DIRTY_PAGES);
        assertThat(views.writeback().model().latest().dirty()).isEqualTo(2);

        kernel.sync();
        frame();
        assertThat(allPages()).noneMatch(p -> p.flags().contains(FolioFlag.DIRTY));
        assertThat(inodeOfF().state()).doesNotContain(InodeState.I_DIRTY_PAGES);
        assertThat(views.writeback().model().latest().dirty()).isZero();
    }

    private java.util.List<PageInfo> allPages() {
        java.util.List<PageInfo> all = new java.util.ArrayList<>(views.pages().model().active());
        all.addAll(views.pages().model().inactive());
        return all;
    }
}
