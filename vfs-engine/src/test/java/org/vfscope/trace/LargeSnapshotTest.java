package org.vfscope.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.vfscope.sys.Process;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.OpenFlags;
import org.vfscope.vfs.VfsException;

/** A `find /usr`-sized dcache: the snapshot holds every dentry. Timing is the benchmark's job. */
class LargeSnapshotTest {

    /** 100 directories, each with 500 files and 500 names looked up in vain. */
    static Kernel hundredThousandDentries() {
        Kernel k = Kernel.boot();
        k.setCacheLimits(1_000_000, 1_000_000);
        Process p = Process.init(k);
        for (int d = 0; d < 100; d++) {
            String dir = "/d" + d;
            p.mkdir(dir, 0755);
            for (int f = 0; f < 500; f++) {
                p.close(p.open(dir + "/f" + f, OpenFlags.O_CREAT | OpenFlags.O_WRONLY, 0644));
                try {
                    p.stat(dir + "/missing" + f);
                } catch (VfsException expected) {
                    // leaves a negative dentry
                }
            }
        }
        return k;
    }

    @Test
    void hundredThousandDentrySnapshotHoldsEveryDentry() {
        Kernel k = hundredThousandDentries();

        DcacheSnapshot s = new SnapshotTaker(k).take().dcache();

        assertThat(s.dentries()).hasSize(1 + 100 + 100_000);
        assertThat(s.stats().nrDentry()).isEqualTo(s.dentries().size());
        assertThat(s.dentries().stream().filter(d -> d.state().isNegative()).count()).isEqualTo(50_000);
        int[] lruPositions = s.dentries().stream().filter(DentryInfo::onLru).mapToInt(DentryInfo::lruPosition)
                .sorted().toArray();
        assertThat(lruPositions).containsExactly(IntStream.range(0, (int) s.stats().nrUnused()).toArray());
    }
}
