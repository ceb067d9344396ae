package org.vfscope.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vfscope.mm.FolioFlag;
import org.vfscope.vfs.dcache.DentryFlag;
import org.vfscope.vfs.icache.InodeState;

/** JSON Lines traces: every event type survives a write and a read; bad lines are named. */
class TraceJsonTest {

    /** One of every event type, with awkward values where a type has them. */
    static Stream<TraceEvent> oneOfEach() {
        return Stream.of(
                new DentryLookup(1, 7, "naïve name\nwith newline", DentryLookup.Result.NEGATIVE_HIT),
                new DentryStateChange(2, 42, "/usr/share", DentryState.POSITIVE_IN_USE, DentryState.POSITIVE_UNUSED,
                        0, EnumSet.of(DentryFlag.LRU_LIST, DentryFlag.REFERENCED)),
                new InodeStateChange(3, 32, 12, Set.of(), EnumSet.of(InodeState.I_DIRTY_PAGES, InodeState.I_SYNC), 1,
                        InodeIoList.B_IO),
                new PageStateChange(4, 32, 12, 1L << 40, EnumSet.of(FolioFlag.UPTODATE, FolioFlag.DIRTY),
                        PageLru.INACTIVE),
                new BlockIo(5, "disk.img", 4096, 8192, true, 150_000, 12, "EIO"),
                new BlockIo(6, "disk.img", 0, 512, false, 80_000, -1, null),
                new WritebackSingleInode(7, 32, 12, 1024, WritebackSingleInode.Reason.KUPDATE),
                new ThrottlePause(8, 200_000_000),
                new CacheShrink(9, CacheShrink.Cache.DENTRIES, CacheShrink.Trigger.DROP_CACHES, 128, 100));
    }

    private static String write(List<TraceEvent> events) throws IOException {
        StringWriter out = new StringWriter();
        try (TraceWriter w = new TraceWriter(out)) {
            w.writeAll(events);
        }
        return out.toString();
    }

    @ParameterizedTest
    @MethodSource("oneOfEach")
    void eventSurvivesWriteAndRead(TraceEvent event) throws IOException {
        String json = write(List.of(event));

        try (TraceReader r = new TraceReader(new StringReader(json))) {
            assertThat(r.readAll()).containsExactly(event);
        }
    }

    @Test
    void samplesCoverEveryEventType() {
        Set<Class<?>> sampled = oneOfEach().map(Object::getClass).collect(Collectors.toSet());

        assertThat(sampled).containsExactlyInAnyOrder(TraceEvent.class.getPermittedSubclasses());
    }

    @Test
    void eachEventIsOneLineWithATypeField() throws IOException {
        List<TraceEvent> events = oneOfEach().toList();

        List<String> lines = write(events).lines().toList();

        assertThat(lines).hasSize(events.size());
        assertThat(lines.get(0)).startsWith("{\"type\":\"d_lookup\"");
        assertThat(lines).allSatisfy(line -> assertThat(line).contains("\"type\":"));
    }

    @Test
    void streamsRoundTripInOrderAsUtf8() throws IOException {
        List<TraceEvent> events = oneOfEach().toList();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TraceWriter w = new TraceWriter(bytes)) {
            w.writeAll(events);
        }

        try (TraceReader r = new TraceReader(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(r).containsExactlyElementsOf(events);
        }
    }

    @Test
    void malformedLineIsReportedWithItsLineNumber() {
        String trace = "{\"type\":\"balance_dirty_pages\",\"timeNanos\":1,\"pauseNanos\":2}\n"
                + "\n"
                + "{\"type\":\"balance_dirty_pages\",\"timeNanos\":3,\n";
        TraceReader r = new TraceReader(new StringReader(trace));

        assertThatThrownBy(r::readAll)
                .isInstanceOfSatisfying(TraceFormatException.class, e -> assertThat(e.lineNumber()).isEqualTo(3))
                .hasMessageStartingWith("trace line 3:");
    }

    @Test
    void unknownEventTypeIsReportedWithItsLineNumber() {
        TraceReader r = new TraceReader(new StringReader("{\"type\":\"no_such_event\",\"timeNanos\":1}\n"));

        assertThatThrownBy(r::readAll)
                .isInstanceOf(TraceFormatException.class)
                .hasMessageStartingWith("trace line 1:")
                .hasMessageContaining("no_such_event");
    }

    @Test
    void missingRequiredFieldIsReportedWithItsLineNumber() {
        TraceReader r = new TraceReader(new StringReader(
                "{\"type\":\"d_lookup\",\"timeNanos\":1,\"parentId\":2,\"name\":\"x\"}\n"));

        assertThatThrownBy(r::readAll)
                .isInstanceOfSatisfying(TraceFormatException.class, e -> assertThat(e.lineNumber()).isEqualTo(1));
    }

    @Test
    void blankLinesAreSkipped() throws IOException {
        String trace = "\n{\"type\":\"balance_dirty_pages\",\"timeNanos\":1,\"pauseNanos\":2}\n\n";

        try (TraceReader r = new TraceReader(new StringReader(trace))) {
            assertThat(r.readAll()).containsExactly(new ThrottlePause(1, 2));
        }
    }
}
