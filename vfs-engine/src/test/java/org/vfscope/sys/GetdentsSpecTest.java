package org.vfscope.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vfscope.vfs.OpenFlags.O_DIRECTORY;
import static org.vfscope.vfs.OpenFlags.O_PATH;
import static org.vfscope.vfs.OpenFlags.O_RDONLY;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vfscope.vfs.DirEntry;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.FileMode;
import org.vfscope.vfs.Seek;

/** getdents64(2) and lseek on directories, on ramfs against Linux 6.18 tmpfs. */
class GetdentsSpecTest extends SpecSupport {
    private int dir;

    @BeforeEach
    void directory() {
        p.mkdir("/d", 0755);
        for (int i = 0; i < 10; i++) {
            createFile("/d/e" + i, "");
        }
        dir = p.open("/d", O_RDONLY | O_DIRECTORY);
    }

    private List<String> names(List<DirEntry> entries) {
        return entries.stream().map(DirEntry::name).toList();
    }

    private List<DirEntry> readAll(int fd, int batch) {
        List<DirEntry> all = new ArrayList<>();
        while (true) {
            List<DirEntry> got = p.getdents(fd, batch);
            if (got.isEmpty()) {
                return all;
            }
            all.addAll(got);
        }
    }

    @Test
    void firstEntriesAreDotAndDotDot() {
        List<DirEntry> first = p.getdents(dir, 2);
        assertThat(names(first)).containsExactly(".", "..");
        assertThat(first.get(0).ino()).isEqualTo(p.stat("/d").ino());
        assertThat(first.get(1).ino()).isEqualTo(p.stat("/").ino());
        assertThat(first).allMatch(e -> e.type() == FileMode.DT_DIR);
    }

    @Test
    void dotDotOfTheRootIsTheRootItself() {
        int root = p.open("/", O_RDONLY);
        List<DirEntry> first = p.getdents(root, 2);
        assertThat(first.get(1).ino()).isEqualTo(first.get(0).ino());
    }

    @Test
    void everyEntryIsReturnedExactlyOnce() {
        List<String> all = names(readAll(dir, 100));
        assertThat(all).hasSize(12).doesNotHaveDuplicates();
        assertThat(all).contains("e0", "e5", "e9");
    }

    @Test
    void smallBatchesReturnEveryEntryExactlyOnce() {
        List<String> all = names(readAll(dir, 1));
        assertThat(all).hasSize(12).doesNotHaveDuplicates();
    }

    @Test
    void entriesCarryTheirTypeAndInodeNumber() {
        p.mkdir("/d/sub", 0755);
        p.symlink("e0", "/d/link");
        List<DirEntry> all = readAll(dir, 100);
        DirEntry file = all.stream().filter(e -> e.name().equals("e3")).findFirst().orElseThrow();
        assertThat(file.type()).isEqualTo(FileMode.DT_REG);
        assertThat(file.ino()).isEqualTo(p.stat("/d/e3").ino());
        assertThat(all).filteredOn(e -> e.name().equals("sub")).singleElement()
                .extracting(DirEntry::type).isEqualTo(FileMode.DT_DIR);
        assertThat(all).filteredOn(e -> e.name().equals("link")).singleElement()
                .extracting(DirEntry::type).isEqualTo(FileMode.DT_LNK);
    }

    @Test
    void anEmptyListMarksTheEnd() {
        readAll(dir, 100);
        assertThat(p.getdents(dir, 100)).isEmpty();
        assertThat(p.getdents(dir, 100)).isEmpty();
    }

    @Test
    void emptyDirectoryHoldsOnlyDotAndDotDot() {
        p.mkdir("/empty", 0755);
        int fd = p.open("/empty", O_RDONLY);
        assertThat(names(readAll(fd, 100))).containsExactly(".", "..");
    }

    @Test
    void entriesRemovedBeforeTheyAreReachedAreSkippedAndTheRestReturnedOnce() {
        List<String> seen = new ArrayList<>(names(p.getdents(dir, 4)));
        List<String> removed = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            if (!seen.contains("e" + i) && removed.size() < 2) {
                p.unlink("/d/e" + i);
                removed.add("e" + i);
            }
        }
        seen.addAll(names(readAll(dir, 3)));
        // Linux tmpfs: unlink between getdents calls -> no duplicates, unlinked names not returned
        assertThat(seen).doesNotHaveDuplicates().doesNotContainAnyElementsOf(removed);
        for (int i = 0; i < 10; i++) {
            if (!removed.contains("e" + i)) {
                assertThat(seen).contains("e" + i);
            }
        }
    }

    @Test
    void entriesCreatedDuringTheReadNeverCauseDuplicates() {
        List<String> seen = new ArrayList<>(names(p.getdents(dir, 5)));
        for (int i = 0; i < 5; i++) {
            createFile("/d/new" + i, "");
        }
        p.unlink("/d/e9");
        createFile("/d/e9", "");
        seen.addAll(names(readAll(dir, 2)));
        // POSIX leaves it open whether names created meanwhile appear; each name at most once
        assertThat(seen).doesNotHaveDuplicates();
        for (int i = 0; i < 9; i++) {
            assertThat(seen).contains("e" + i);
        }
    }

    @Test
    void lseekToASavedPositionResumesTheListing() {
        p.getdents(dir, 3);
        long saved = p.lseek(dir, 0, Seek.SEEK_CUR);
        List<String> next = names(p.getdents(dir, 3));
        p.getdents(dir, 3);
        assertThat(p.lseek(dir, saved, Seek.SEEK_SET)).isEqualTo(saved);
        assertThat(names(p.getdents(dir, 3))).isEqualTo(next);
    }

    @Test
    void entryOffsetRepositionsOnThatEntry() {
        List<DirEntry> batch = p.getdents(dir, 5);
        DirEntry third = batch.get(2);
        // VFScope's DirEntry.offset is the entry's own position (Linux's d_off is the next one's)
        p.lseek(dir, third.offset(), Seek.SEEK_SET);
        assertThat(p.getdents(dir, 1).get(0).name()).isEqualTo(third.name());
    }

    @Test
    void lseekToZeroRewindsTheListing() {
        List<String> first = names(readAll(dir, 4));
        p.lseek(dir, 0, Seek.SEEK_SET);
        assertThat(names(readAll(dir, 4))).isEqualTo(first);
    }

    @Test
    void eachOpenDirectoryHasItsOwnPosition() {
        int other = p.open("/d", O_RDONLY);
        p.getdents(dir, 5);
        assertThat(names(p.getdents(other, 2))).containsExactly(".", "..");
    }

    @Test
    void dupSharesTheDirectoryPosition() {
        int copy = p.dup(dir);
        p.getdents(dir, 2);
        assertThat(names(p.getdents(copy, 1))).doesNotContain(".", "..");
    }

    @Test
    void getdentsOnARegularFileFailsWithEnotdir() {
        int fd = p.open("/d/e0", O_RDONLY);
        // Linux tmpfs: getdents64(file fd) -> ENOTDIR
        assertErrno(Errno.ENOTDIR, () -> p.getdents(fd, 10));
    }

    @Test
    void getdentsWithoutRoomForOneEntryFailsWithEinval() {
        // Linux tmpfs: getdents64(dirfd, buf, 1) -> EINVAL
        assertErrno(Errno.EINVAL, () -> p.getdents(dir, 0));
    }

    @Test
    void getdentsInARemovedDirectoryFailsWithEnoent() {
        p.mkdir("/gone", 0755);
        int fd = p.open("/gone", O_RDONLY);
        p.rmdir("/gone");
        // Linux tmpfs: getdents64 on an open, removed directory -> ENOENT
        assertErrno(Errno.ENOENT, () -> p.getdents(fd, 10));
    }

    @Test
    void getdentsOnAnOPathDescriptorFailsWithEbadf() {
        int fd = p.open("/d", O_PATH | O_DIRECTORY);
        // Linux tmpfs: getdents64(O_PATH dirfd) -> EBADF
        assertErrno(Errno.EBADF, () -> p.getdents(fd, 10));
    }

    @Test
    void getdentsOnAClosedDescriptorFailsWithEbadf() {
        p.close(dir);
        assertErrno(Errno.EBADF, () -> p.getdents(dir, 10));
    }

    @Test
    void getdentsUpdatesTheDirectoryAtimeOnlyUnderRelatimeRules() {
        tick();
        createFile("/d/touch", "");
        tick();
        p.getdents(dir, 100);
        // Linux tmpfs (relatime): getdents after a change -> atime updated; again -> unchanged
        assertThat(p.stat("/d").atime()).isEqualTo(clock.now());
        java.time.Instant first = p.stat("/d").atime();
        tick();
        p.lseek(dir, 0, Seek.SEEK_SET);
        p.getdents(dir, 100);
        assertThat(p.stat("/d").atime()).isEqualTo(first);
    }

    @Test
    void getdentsDoesNotChangeMtimeOrCtime() {
        var before = p.stat("/d");
        tick();
        p.getdents(dir, 100);
        assertThat(p.stat("/d").mtime()).isEqualTo(before.mtime());
        assertThat(p.stat("/d").ctime()).isEqualTo(before.ctime());
    }
}
