package org.vfscope.visualizer.dentry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vfscope.trace.CacheShrink;
import org.vfscope.trace.DentryInfo;
import org.vfscope.trace.DentryLookup;
import org.vfscope.visualizer.Fixtures;
import org.vfscope.visualizer.Frame;

class DentryCacheModelTest {

    private static DentryCacheModel model(List<org.vfscope.trace.TraceEvent> events) {
        return new DentryCacheModelBuilder().build(new Frame(Fixtures.snapshot(1, 0), events, 0, 0));
    }

    @Test
    void theOutlinePutsParentsBeforeChildrenAndSiblingsByName() {
        DentryCacheModel m = model(List.of());

        assertThat(m.rows()).extracting(r -> r.dentry().name() + "@" + r.depth())
                .containsExactly("/@0", "data@1", "etc@1", "missing@2", "motd@2");
    }

    @Test
    void aBuilderReordersSiblingsWhenOneIsRenamedOrAddedInALaterFrame() {
        DentryCacheModelBuilder builder = new DentryCacheModelBuilder();
        builder.build(new Frame(Fixtures.snapshot(1, 0), List.of(), 0, 0));
        List<DentryInfo> renamed = new java.util.ArrayList<>(Fixtures.dentries());
        renamed.set(4, Fixtures.dentry(5, 1, "zdata", 4, org.vfscope.trace.DentryState.POSITIVE_IN_USE, 1, -1));
        renamed.add(Fixtures.dentry(6, 2, "hosts", 5, org.vfscope.trace.DentryState.POSITIVE_IN_USE, 1, -1));

        DentryCacheModel second = builder.build(new Frame(
                Fixtures.snapshot(2, 0, renamed, Fixtures.inodes(), Fixtures.pages()), List.of(), 0, 0));
        DentryCacheModel third = builder.build(new Frame(Fixtures.snapshot(3, 0), List.of(), 0, 0));

        assertThat(second.rows()).extracting(r -> r.dentry().name() + "@" + r.depth())
                .containsExactly("/@0", "etc@1", "hosts@2", "missing@2", "motd@2", "zdata@1");
        assertThat(third.rows()).extracting(r -> r.dentry().name() + "@" + r.depth())
                .containsExactly("/@0", "data@1", "etc@1", "missing@2", "motd@2");
    }

    @Test
    void theLruStripRunsFromHeadToTail() {
        DentryCacheModel m = model(List.of());

        assertThat(m.lru()).extracting(DentryInfo::name).containsExactly("motd", "missing");
        assertThat(DentryCacheView.counters(m)).extracting(c -> c.label() + "=" + c.value())
                .startsWith("nr_dentry=5", "nr_unused (on LRU)=2", "nr_negative (on LRU)=1");
    }

    @Test
    void lookupsAndDentryShrinksOfTheFrameAreKeptForFlashing() {
        DentryCacheModel m = model(List.of(
                new DentryLookup(1, 2, "missing", DentryLookup.Result.NEGATIVE_HIT),
                new CacheShrink(2, CacheShrink.Cache.INODES, CacheShrink.Trigger.SHRINKER, 5, 1),
                new CacheShrink(3, CacheShrink.Cache.DENTRIES, CacheShrink.Trigger.SHRINKER, 2, 1)));

        assertThat(m.lookups()).containsExactly(java.util.Map.entry(new DentryKey(2, "missing"), DentryLookup.Result.NEGATIVE_HIT));
        assertThat(m.shrinks()).singleElement().satisfies(s -> assertThat(s.scanned()).isEqualTo(2));
        assertThat(m.eventsSeen()).isTrue();
    }

    @Test
    void aDentryWhoseParentIsNotInTheSnapshotStartsItsOwnTree() {
        List<DentryInfo> ds = List.of(Fixtures.dentry(9, 77, "orphan", 9,
                org.vfscope.trace.DentryState.POSITIVE_IN_USE, 1, -1));

        org.vfscope.visualizer.DcacheNames names = new org.vfscope.visualizer.DcacheNames(
                new org.vfscope.trace.DcacheSnapshot(ds, new org.vfscope.vfs.dcache.DentryStats(1, 0, 0, 0, 0, 0)),
                List.of());

        assertThat(DentryCacheModelBuilder.outline(ds, names)).singleElement().satisfies(r -> assertThat(r.depth()).isZero());
    }

    @Test
    void tooltipSaysStateCountInodeAndLruPlace() {
        DentryCacheModel m = model(List.of());
        DentryInfo motd = m.lru().get(0);

        String text = DentryTooltips.tooltip(motd, m.names().path(motd), 2);

        assertThat(text).isEqualTo("/etc/motd\n"
                + "positive, unused · count 0 · inode 3\n"
                + "on the LRU at 0 of 2 from the head (the shrinker scans from the head)\n"
                + "flags: LRU_LIST REFERENCED");
        assertThat(DentryTooltips.rowNote(m.lru().get(1))).isEqualTo("negative · count 0 · LRU #1");
    }
}
