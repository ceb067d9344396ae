package org.vfscope.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.vfscope.block.LatencyModel;

class ScenarioParserTest {

    private final ScenarioParser parser = new ScenarioParser();

    private Scenario parse(String json) throws ScenarioException {
        return parser.parse("s.json", json.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    }

    private void assertRejected(String json, String message) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(ScenarioException.class).hasMessage("s.json: " + message);
    }

    @Test
    void everyOpBecomesItsRecord() throws ScenarioException {
        Scenario s = parse("{'tunables': {'dirty_ratio': 30, 'latency': 'ssd'}, 'steps': ["
                + "{'op': 'read', 'path': '/f', 'offset': 8, 'length': 100, 'chunk': 10},"
                + "{'op': 'write', 'path': '/f', 'offset': 0, 'length': 65536, 'chunk': 4096},"
                + "{'op': 'create', 'path': '/c'}, {'op': 'mkdir', 'path': '/d'}, {'op': 'unlink', 'path': '/u'},"
                + "{'op': 'stat', 'path': '/s'}, {'op': 'ls', 'path': '/'}, {'op': 'rename', 'from': '/a', 'to': '/b'},"
                + "{'op': 'fsync', 'path': '/f'}, {'op': 'sync'}, {'op': 'drop_caches', 'level': 2},"
                + "{'op': 'set', 'name': 'read_ahead_kb', 'value': 512}, {'op': 'set', 'name': 'latency', 'value': 'hdd'},"
                + "{'op': 'advance', 'ms': 5000}, {'op': 'sleep', 'ms': 10}]}");

        assertThat(s.tunables()).containsExactly(new Tunable.Vm("dirty_ratio", 30), new Tunable.DeviceLatency(LatencyModel.SSD));
        assertThat(s.steps()).containsExactly(
                new Step.Read("/f", 8, 100, 10),
                new Step.Write("/f", 0, 65536, 4096),
                new Step.Create("/c"), new Step.Mkdir("/d"), new Step.Unlink("/u"), new Step.Stat("/s"),
                new Step.Ls("/"), new Step.Rename("/a", "/b"), new Step.Fsync("/f"), new Step.Sync(),
                new Step.DropCaches(2),
                new Step.Set(new Tunable.Vm("read_ahead_kb", 512)),
                new Step.Set(new Tunable.DeviceLatency(LatencyModel.HDD)),
                new Step.Advance(5000), new Step.Sleep(10));
        assertThat(s.setsLatency()).isTrue();
    }

    @Test
    void offsetDefaultsToZeroAndChunkToOnePage() throws ScenarioException {
        assertThat(parse("{'steps': [{'op': 'read', 'path': '/f', 'length': 10}]}").steps())
                .containsExactly(new Step.Read("/f", 0, 10, 4096));
    }

    @Test
    void tunablesAreOptional() throws ScenarioException {
        Scenario s = parse("{'steps': [{'op': 'sync'}]}");
        assertThat(s.tunables()).isEmpty();
        assertThat(s.setsLatency()).isFalse();
    }

    @Test
    void fractionsStringsAndNullsAreNotIntegers() {
        assertRejected("{'steps': [{'op': 'advance', 'ms': 1.5}]}", "step 1: \"ms\" must be a non-negative integer");
        assertRejected("{'steps': [{'op': 'advance', 'ms': null}]}", "step 1: \"ms\" must be a non-negative integer");
        assertRejected("{'steps': [{'op': 'advance', 'ms': 1e30}]}", "step 1: \"ms\" must be a non-negative integer");
        assertRejected("{'tunables': {'cache_pages': '64'}, 'steps': []}", "tunables: \"cache_pages\" must be a non-negative integer");
    }

    @Test
    void pathsMustBeNonEmptyStrings() {
        assertRejected("{'steps': [{'op': 'stat', 'path': ''}]}", "step 1: \"path\" must be a non-empty string");
        assertRejected("{'steps': [{'op': 'stat', 'path': 7}]}", "step 1: \"path\" must be a non-empty string");
    }

    @Test
    void stepsWithoutFieldsTakeNone() {
        assertRejected("{'steps': [{'op': 'sync', 'path': '/'}]}", "step 1: unknown field \"path\" (sync takes no fields)");
    }

    @Test
    void aStepMustBeAnObjectWithAnOp() {
        assertRejected("{'steps': ['sync']}", "step 1: must be an object with an \"op\"");
        assertRejected("{'steps': [{'path': '/'}]}", "step 1: \"op\" is missing");
    }

    @Test
    void theKernelsOwnRangesApplyBeforeAnythingRuns() {
        assertRejected("{'tunables': {'cache_pages': 10}, 'steps': []}",
                "tunables: \"cache_pages\" must be between 64 and 9223372036854775807");
    }

    @Test
    void aHugeChunkIsRefusedRatherThanAllocated() {
        assertRejected("{'steps': [{'op': 'read', 'path': '/f', 'length': 1, 'chunk': 1073741824}]}",
                "step 1: \"chunk\" must be at most 16777216");
    }

    @Test
    void theEndOfARangeMustBeAFileOffset() {
        assertRejected("{'steps': [{'op': 'write', 'path': '/f', 'offset': 9223372036854775807, 'length': 2}]}",
                "step 1: \"offset\" + \"length\" is beyond the largest file offset");
    }

    @Test
    void duplicateKeysAndTrailingTextAreNotValidJson() {
        assertThatThrownBy(() -> parse("{'steps': [], 'steps': []}")).hasMessageStartingWith("s.json: not valid JSON: Duplicate field 'steps'");
        assertThatThrownBy(() -> parse("{'steps': []} {}")).hasMessageStartingWith("s.json: not valid JSON: ");
    }

    @Test
    void theTopLevelMustBeAnObject() {
        assertRejected("[]", "must be a JSON object with \"steps\" (and optionally \"tunables\")");
        assertRejected("", "must be a JSON object with \"steps\" (and optionally \"tunables\")");
        assertRejected("{'steps': {}}", "\"steps\" must be an array");
        assertRejected("{'tunables': [], 'steps': []}", "\"tunables\" must be an object of NAME: VALUE");
    }
}
