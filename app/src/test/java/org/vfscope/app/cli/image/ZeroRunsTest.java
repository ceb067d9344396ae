package org.vfscope.app.cli.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ZeroRunsTest {

    @Test
    void anAllZeroBufferHasNoData() {
        assertThat(ZeroRuns.dataRanges(new byte[8192], 8192, 4096)).isEmpty();
    }

    @Test
    void dataIsReportedInWholeGranulesAndAdjacentOnesMerge() {
        byte[] b = new byte[5 * 4096];
        b[10] = 1;           // granule 0
        b[4096 + 4095] = 1;  // granule 1
        b[3 * 4096] = 1;     // granule 3
        assertThat(ZeroRuns.dataRanges(b, b.length, 4096)).containsExactly(
                new ZeroRuns.Range(0, 2 * 4096), new ZeroRuns.Range(3 * 4096, 4 * 4096));
    }

    @Test
    void aShortLastGranuleEndsAtTheLength() {
        byte[] b = new byte[10_000];
        b[9_999] = 1;
        assertThat(ZeroRuns.dataRanges(b, 10_000, 4096)).containsExactly(new ZeroRuns.Range(8192, 10_000));
        assertThat(ZeroRuns.dataRanges(b, 9_000, 4096)).isEmpty();
    }
}
