package org.vfscope.app.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfscope.app.image.Machine;
import org.vfscope.app.workbench.explorer.ExplorerViewModel;
import org.vfscope.app.workbench.explorer.FileOperations;
import org.vfscope.app.workbench.explorer.FsNode;
import org.vfscope.app.workbench.image.ImageLock;
import org.vfscope.app.workbench.image.ImageLockedException;
import org.vfscope.app.workbench.image.ImageWorkspace;
import org.vfscope.app.workbench.task.BackgroundTasks;
import org.vfscope.sys.Process;
import org.vfscope.vfs.OpenFlags;

/** View models on a real engine: ramfs (always writable) and a copy of a sample ext image. */
class EngineViewModelTest {

    @TempDir
    Path tmp;

    static Path sample(String name) throws IOException, InterruptedException {
        return org.vfscope.app.SampleImages.unpacked(name);
    }

    static Path copy(Path from, Path dir) throws IOException {
        Path to = dir.resolve(from.getFileName());
        Files.copy(from, to);
        return to;
    }

    static String sha256(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }

    private WorkbenchModel ramfsModel() {
        WorkbenchModel m = new WorkbenchModel(BackgroundTasks.inline(), tmp);
        m.workspaceProperty().set(ImageWorkspace.ramfs("scratch"));
        return m;
    }

    @Test
    void aHundredThousandEntryDirectoryArrivesSortedInChunks() throws Exception {
        WorkbenchModel m = ramfsModel();
        Process p = m.workspace().machine(0).process();
        p.mkdir("/big", 0755);
        for (int i = 0; i < 100_000; i++) {
            p.close(p.open(String.format("/big/f%06d", 99_999 - i), OpenFlags.O_CREAT | OpenFlags.O_WRONLY, 0644));
        }
        ExplorerViewModel vm = new ExplorerViewModel(m);
        List<Integer> sizes = new ArrayList<>();
        List<FsNode> all = new ArrayList<>();
        boolean[] done = {false};
        vm.loadChildren(new FsNode(FsNode.Kind.DIRECTORY, "big", 0, "/big", 0), c -> {
            sizes.add(c.size());
            all.addAll(c);
        }, () -> done[0] = true);
        assertThat(done[0]).isTrue();
        assertThat(all).hasSize(100_000);
        assertThat(sizes).allMatch(s -> s <= ExplorerViewModel.CHUNK).hasSize(50);
        assertThat(all.get(0).name()).isEqualTo("f000000");
        assertThat(all.get(99_999).path()).isEqualTo("/big/f099999");
    }

    @Test
    void imageRowListsVolumesAndAMissingDirectoryBecomesAProblem() {
        WorkbenchModel m = ramfsModel();
        ExplorerViewModel vm = new ExplorerViewModel(m);
        List<FsNode> volumes = new ArrayList<>();
        vm.loadChildren(vm.root(), volumes::addAll, () -> { });
        assertThat(volumes).singleElement().satisfies(v -> assertThat(v.kind()).isEqualTo(FsNode.Kind.VOLUME));
        vm.loadChildren(new FsNode(FsNode.Kind.DIRECTORY, "gone", 0, "/gone", 0), c -> { }, () -> { });
        assertThat(m.problems().problems()).singleElement().satisfies(pr -> {
            assertThat(pr.path()).isEqualTo("/gone");
            assertThat(pr.code()).isEqualTo("BROWSE");
        });
    }

    @Test
    void fileOperationsCreateRenameAndDeleteOnRamfs() throws Exception {
        WorkbenchModel m = ramfsModel();
        FileOperations ops = new FileOperations(m);
        List<String> changed = new ArrayList<>();
        ops.onChanged(changed::add);
        FsNode root = FsNode.volume(0, "ramfs");
        ops.newFolder(root, "docs");
        FsNode docs = new FsNode(FsNode.Kind.DIRECTORY, "docs", 0, "/docs", 0);
        ops.newFile(docs, "a.txt");
        ops.rename(new FsNode(FsNode.Kind.FILE, "a.txt", 0, "/docs/a.txt", 0), "b.txt");
        Process p = m.workspace().machine(0).process();
        assertThat(p.stat("/docs/b.txt").isRegular()).isTrue();
        ops.delete(docs);
        assertThatThrownBy(() -> p.stat("/docs")).hasMessageContaining("docs");
        assertThat(changed).containsExactly("/", "/docs", "/docs", "/");
    }

    @Test
    void changesNeedEditingSwitchedOn() throws Exception {
        WorkbenchModel m = new WorkbenchModel(BackgroundTasks.inline(), tmp);
        List<String> errors = new ArrayList<>();
        m.onError(errors::add);
        m.workspaceProperty().set(ImageWorkspace.open(copy(sample("ext2-1k.img"), tmp)));
        new FileOperations(m).newFolder(FsNode.volume(0, "ext2"), "x");
        assertThat(errors).singleElement().asString().contains("Enable Editing");
        m.workspace().close();
    }

    @Test
    void discardingTheOverlayLeavesTheImageByteIdentical() throws Exception {
        Path image = copy(sample("demo-ext4.img"), tmp);
        String before = sha256(image);
        try (ImageWorkspace w = ImageWorkspace.open(image)) {
            Machine m = w.machine(w.primaryVolume().orElseThrow());
            byte[] buf = new byte[4096];
            int fd = m.process().open("/README.md", OpenFlags.O_RDONLY);
            m.process().read(fd, buf, 0, buf.length);
            m.process().close(fd);
            assertThat(w.canWrite(0)).as("ext4 with the mke2fs default features is writable").isTrue();
            w.discard();
            assertThat(w.machine(0).process().stat("/README.md").isRegular()).as("mounts again after discard").isTrue();
        }
        assertThat(sha256(image)).isEqualTo(before);
    }

    @Test
    void aSecondWriterOfTheSameImageIsRefused() throws Exception {
        Path image = Files.writeString(tmp.resolve("disk.img"), "x");
        try (ImageLock first = ImageLock.acquire(image, tmp.resolve("locks"))) {
            assertThatThrownBy(() -> ImageLock.acquire(image, tmp.resolve("locks")))
                    .isInstanceOf(ImageLockedException.class).hasMessageContaining("another VFScope");
            assertThat(first.file()).exists();
        }
        try (ImageLock again = ImageLock.acquire(image, tmp.resolve("locks"))) {
            assertThat(again.file()).exists();
        }
    }

    @Test
    void aCorruptImageRecordsDriverProblemsInsteadOfFailing() throws Exception {
        WorkbenchModel m = new WorkbenchModel(BackgroundTasks.inline(), tmp);
        m.workspaceProperty().set(ImageWorkspace.open(copy(sample("corrupt-zero-rec-len.img"), tmp)));
        ExplorerViewModel vm = new ExplorerViewModel(m);
        List<FsNode> seen = new ArrayList<>();
        walk(vm, vm.volumeNode(0), seen, 3);
        assertThat(m.problems().problems()).isNotEmpty();
        m.workspace().close();
    }

    static void walk(ExplorerViewModel vm, FsNode dir, List<FsNode> seen, int depth) {
        List<FsNode> children = new ArrayList<>();
        vm.loadChildren(dir, children::addAll, () -> { });
        seen.addAll(children);
        if (depth > 0) {
            for (FsNode c : children) {
                if (c.kind() == FsNode.Kind.DIRECTORY) {
                    walk(vm, c, seen, depth - 1);
                }
            }
        }
    }
}
