package org.vfscope.vfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.Deque;
import java.util.List;
import org.vfscope.vfs.dcache.Dentry;
import org.vfscope.vfs.dcache.DentryFlag;
import org.vfscope.vfs.dcache.DentryStats;

/**
 * Recounts what /proc/sys/fs/dentry-state claims, from the dentry trees and the LRUs, for tests.
 * Call only while no other thread changes the caches.
 */
public final class CacheInvariants {
    private CacheInvariants() {
    }

    /** Live dentries of every superblock, found by walking each tree from its root. */
    public static long countDentries(Kernel k) {
        long n = 0;
        for (SuperBlock sb : k.superBlocks()) {
            Dentry root = sb.root();
            if (root == null) {
                continue;
            }
            Deque<Dentry> todo = new ArrayDeque<>(List.of(root));
            while (!todo.isEmpty()) {
                Dentry d = todo.pop();
                assertThat(d.isDead()).as("dead dentry still linked: %s", d).isFalse();
                n++;
                todo.addAll(d.children());
            }
        }
        return n;
    }

    /** nr_dentry, nr_unused and nr_negative equal a recount; no dentry is left marked SHRINK_LIST. */
    public static void assertDentryCountersExact(Kernel k) {
        long unused = 0;
        long negative = 0;
        Set<Dentry> onLru = Collections.newSetFromMap(new IdentityHashMap<>());
        for (SuperBlock sb : k.superBlocks()) {
            for (Dentry d : k.dcache().lruSnapshot(sb)) {
                onLru.add(d);
                assertThat(d.hasFlag(DentryFlag.LRU_LIST)).as("on the LRU without LRU_LIST: %s", d).isTrue();
                assertThat(d.isDead()).as("dead dentry on the LRU: %s", d).isFalse();
                unused++;
                if (d.isNegative()) {
                    negative++;
                }
            }
        }
        DentryStats s = k.dcache().stats();
        assertThat(s.nrDentry()).as("nr_dentry").isEqualTo(countDentries(k));
        assertThat(s.nrUnused()).as("nr_unused").isEqualTo(unused);
        assertThat(s.nrNegative()).as("nr_negative").isEqualTo(negative);
        for (SuperBlock sb : k.superBlocks()) {
            Deque<Dentry> todo = new ArrayDeque<>(sb.root() == null ? List.of() : List.of(sb.root()));
            while (!todo.isEmpty()) {
                Dentry d = todo.pop();
                assertThat(d.hasFlag(DentryFlag.SHRINK_LIST)).as("SHRINK_LIST left on %s", d).isFalse();
                assertThat(d.hasFlag(DentryFlag.PAR_LOOKUP)).as("PAR_LOOKUP left on %s", d).isFalse();
                assertThat(d.hasFlag(DentryFlag.LRU_LIST))
                        .as("LRU_LIST flag matches LRU membership for %s", d)
                        .isEqualTo(onLru.contains(d));
                todo.addAll(d.children());
            }
        }
    }
}
