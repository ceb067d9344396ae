package org.vfscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code vfscope run}, driven through the command line as a user or a script would. */
class RunCommandTest {

    private static final List<String> COUNTER_KEYS = List.of(
            "dentries", "dentries_unused", "dentries_negative", "inodes", "inodes_dirty",
            "pages", "pages_active", "pages_inactive", "pages_referenced", "pages_dirty", "pages_writeback",
            "readahead_windows", "block_reads", "block_writes", "refaults", "evictions");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final ObjectMapper mapper = new ObjectMapper();

    // --debug lowers the level of the one logback root logger in this JVM; put it back.
    private final ch.qos.logback.classic.Logger rootLogger =
            ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
    private final Level configuredLevel = rootLogger.getLevel();

    @AfterEach
    void restoreLogLevel() {
        rootLogger.setLevel(configuredLevel);
    }

    private int run(String... args) {
        Host host = new Host(false, dir.resolve("demo.img"), image -> {
            throw new AssertionError("run must not open the workbench");
        });
        return Cli.run(host, new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    /** Writes a scenario; single quotes stand for double quotes, to keep the JSON readable here. */
    private Path scenario(String json) throws IOException {
        return Files.writeString(dir.resolve("s.json"), json.replace('\'', '"'));
    }

    private String steps(String... steps) {
        return "{'steps': [" + String.join(", ", steps) + "]}";
    }

    private List<JsonNode> jsonLines() throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString().lines().toList()) {
            lines.add(mapper.readTree(line));
        }
        return lines;
    }

    private int runJson(String scenarioJson) throws IOException {
        return run("run", "--json", "--ramfs", scenario(scenarioJson).toString());
    }

    private static long counter(JsonNode line, String key) {
        return line.get("counters").get(key).asLong();
    }

    // ---- JSON Lines ---------------------------------------------------------------------------

    @Test
    void everyStepPrintsOneJsonLineWithItsNumberOpAndAllCounters() throws IOException {
        int status = runJson(steps(
                "{'op': 'mkdir', 'path': '/d'}",
                "{'op': 'write', 'path': '/d/f', 'offset': 0, 'length': 65536, 'chunk': 4096}",
                "{'op': 'read', 'path': '/d/f', 'offset': 0, 'length': 65536, 'chunk': 4096}",
                "{'op': 'create', 'path': '/d/g'}",
                "{'op': 'stat', 'path': '/d/f'}",
                "{'op': 'ls', 'path': '/d'}",
                "{'op': 'rename', 'from': '/d/g', 'to': '/d/h'}",
                "{'op': 'fsync', 'path': '/d/f'}",
                "{'op': 'sync'}",
                "{'op': 'set', 'name': 'dirty_ratio', 'value': 30}",
                "{'op': 'set', 'name': 'latency', 'value': 'hdd'}",
                "{'op': 'advance', 'ms': 6000}",
                "{'op': 'sleep', 'ms': 1}",
                "{'op': 'unlink', 'path': '/d/h'}",
                "{'op': 'drop_caches', 'level': 3}"));

        assertThat(status).isZero();
        List<JsonNode> lines = jsonLines();
        assertThat(lines).hasSize(15);
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = lines.get(i);
            assertThat(line.get("step").asInt()).isEqualTo(i + 1);
            assertThat(line.has("error")).as("step %d failed: %s", i + 1, line).isFalse();
            assertThat(line.get("counters").fieldNames()).toIterable().containsAll(COUNTER_KEYS);
            assertThat(line.get("counters").get("readahead_windows").isArray()).isTrue();
        }
        assertThat(lines).extracting(l -> l.get("op").asText()).containsExactly(
                "mkdir", "write", "read", "create", "stat", "ls", "rename", "fsync", "sync", "set", "set",
                "advance", "sleep", "unlink", "drop_caches");
        assertThat(lines.get(0).fieldNames()).toIterable().containsExactly("step", "op", "counters");
    }

    @Test
    void mkdirAndCreateGrowTheDentryAndInodeCaches() throws IOException {
        runJson(steps(
                "{'op': 'mkdir', 'path': '/d'}",
                "{'op': 'create', 'path': '/d/f'}"));

        List<JsonNode> lines = jsonLines();
        JsonNode mkdir = lines.get(0);
        JsonNode create = lines.get(1);
        assertThat(counter(create, "dentries")).isEqualTo(counter(mkdir, "dentries") + 1);
        assertThat(counter(create, "inodes")).isEqualTo(counter(mkdir, "inodes") + 1);
        // the root is pinned by the mount and cwd; "/d" and "/d/f" are both cached
        assertThat(counter(mkdir, "dentries")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aFailedLookupIsRecordedWithItsErrnoAndLeavesANegativeDentry() throws IOException {
        int status = runJson(steps(
                "{'op': 'stat', 'path': '/nope'}",
                "{'op': 'mkdir', 'path': '/d'}"));

        assertThat(status).isZero();
        List<JsonNode> lines = jsonLines();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).get("error").asText()).isEqualTo("ENOENT");
        assertThat(lines.get(0).fieldNames()).toIterable().containsExactly("step", "op", "error", "counters");
        assertThat(counter(lines.get(0), "dentries_negative")).isEqualTo(1);
        assertThat(lines.get(1).has("error")).isFalse();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void theRunGoesOnAfterEveryKindOfFailedStep() throws IOException {
        runJson(steps(
                "{'op': 'read', 'path': '/nope', 'length': 10}",
                "{'op': 'create', 'path': '/f'}",
                "{'op': 'create', 'path': '/f'}",
                "{'op': 'ls', 'path': '/f'}",
                "{'op': 'unlink', 'path': '/'}",
                "{'op': 'rename', 'from': '/x', 'to': '/y'}",
                "{'op': 'fsync', 'path': '/x'}",
                "{'op': 'mkdir', 'path': '/f/sub'}"));

        assertThat(jsonLines()).extracting(l -> l.has("error") ? l.get("error").asText() : "")
                .containsExactly("ENOENT", "", "EEXIST", "ENOTDIR", "EISDIR", "ENOENT", "ENOENT", "ENOTDIR");
    }

    @Test
    void dropCachesTwoFreesUnusedDentries() throws IOException {
        runJson(steps(
                "{'op': 'mkdir', 'path': '/a'}",
                "{'op': 'mkdir', 'path': '/a/b'}",
                "{'op': 'drop_caches', 'level': 2}"));

        List<JsonNode> lines = jsonLines();
        assertThat(counter(lines.get(2), "dentries")).isLessThan(counter(lines.get(1), "dentries"));
        assertThat(counter(lines.get(2), "dentries_unused")).isZero();
    }

    @Test
    void initialTunablesAreAcceptedAndAnEmptyScenarioPrintsNothing() throws IOException {
        int status = runJson("{'tunables': {'dirty_background_ratio': 5, 'dirty_ratio': 10,"
                + " 'dirty_writeback_centisecs': 100, 'dirty_expire_centisecs': 200, 'read_ahead_kb': 256,"
                + " 'cache_pages': 1024}, 'steps': []}");

        assertThat(status).isZero();
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void latencyOnRamfsIsAcceptedWithANoteOnStderr() throws IOException {
        int status = runJson("{'tunables': {'latency': 'slow'}, 'steps': [{'op': 'sync'}]}");

        assertThat(status).isZero();
        assertThat(jsonLines()).hasSize(1);
        assertThat(err.toString()).startsWith("vfscope: note: \"latency\" has no effect on --ramfs");
    }

    // ---- the table ----------------------------------------------------------------------------

    @Test
    void withoutJsonATableHasOneHeaderAndOneRowPerStepWithinOneHundredSixtyColumns() throws IOException {
        Path s = scenario(steps(
                "{'op': 'mkdir', 'path': '/a-rather-long-directory-name'}",
                "{'op': 'stat', 'path': '/missing'}",
                "{'op': 'drop_caches', 'level': 3}"));

        assertThat(run("run", "--ramfs", s.toString())).isZero();

        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0).split(" +")).startsWith("step", "op", "target", "error", "dent")
                .contains("ra_windows", "evict");
        assertThat(lines.get(1)).matches("\\s+1 mkdir .*").contains("..");
        assertThat(lines.get(2)).matches("\\s+2 stat +/missing +ENOENT .*");
        assertThat(lines.get(3)).matches("\\s+3 drop_caches +3 .*");
        assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(160));
        // every row ends in the same column as the header, so the counters line up
        assertThat(lines).extracting(String::length).containsOnly(lines.get(0).length());
    }

    @Test
    void readaheadWindowsAreRunLengthEncodedAndCutToTheirColumn() {
        assertThat(TableReport.windows(List.of(), 12)).isEqualTo("-");
        assertThat(TableReport.windows(List.of(4, 8, 16, 32, 32, 32, 32, 32), 12)).isEqualTo("4,8,16,32*5");
        assertThat(TableReport.windows(List.of(4, 8, 16, 32, 64, 128, 256), 12)).isEqualTo("4,8,16,32,..");
    }

    // ---- malformed scenarios: exit 1 before anything runs -------------------------------------

    private void assertMalformed(String scenarioJson, String message) throws IOException {
        assertThat(runJson(scenarioJson)).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("vfscope: " + dir.resolve("s.json") + ": " + message + System.lineSeparator());
        assertThat(out.toString()).as("nothing runs").isEmpty();
    }

    @Test
    void anUnknownOpNamesTheStepAndTheKnownOps() throws IOException {
        assertMalformed(steps("{'op': 'sync'}", "{'op': 'sync'}", "{'op': 'frobnicate'}"),
                "step 3: unknown op \"frobnicate\" (known: read, write, create, mkdir, unlink, stat, ls, rename,"
                        + " fsync, sync, drop_caches, set, advance, sleep)");
    }

    @Test
    void aFieldOfTheWrongTypeNamesTheStepAndField() throws IOException {
        assertMalformed(steps("{'op': 'sync'}", "{'op': 'sync'}", "{'op': 'read', 'path': '/f', 'length': '4096'}"),
                "step 3: \"length\" must be a non-negative integer");
    }

    @Test
    void aNegativeLengthIsRefused() throws IOException {
        assertMalformed(steps("{'op': 'write', 'path': '/f', 'length': -1}"),
                "step 1: \"length\" must be a non-negative integer");
    }

    @Test
    void aZeroChunkIsRefused() throws IOException {
        assertMalformed(steps("{'op': 'read', 'path': '/f', 'length': 1, 'chunk': 0}"),
                "step 1: \"chunk\" must be a positive integer");
    }

    @Test
    void aMissingFieldIsNamed() throws IOException {
        assertMalformed(steps("{'op': 'rename', 'from': '/a'}"), "step 1: \"to\" is missing");
    }

    @Test
    void aMisspelledFieldIsNotSilentlyIgnored() throws IOException {
        assertMalformed(steps("{'op': 'read', 'path': '/f', 'length': 1, 'chunks': 1}"),
                "step 1: unknown field \"chunks\" (read takes path, offset, length, chunk)");
    }

    @Test
    void anUnknownTunableIsRefusedAtTheTopAndInASetStep() throws IOException {
        assertMalformed("{'tunables': {'swappiness': 60}, 'steps': []}",
                "tunables: unknown tunable \"swappiness\" (known: dirty_background_ratio, dirty_ratio,"
                        + " dirty_writeback_centisecs, dirty_expire_centisecs, read_ahead_kb, cache_pages, latency)");
    }

    @Test
    void anUnknownTunableInASetStepNamesTheStep() throws IOException {
        assertThat(runJson(steps("{'op': 'set', 'name': 'swappiness', 'value': 60}"))).isEqualTo(1);
        assertThat(err.toString()).contains("s.json: step 1: unknown tunable \"swappiness\"");
    }

    @Test
    void aTunableOutOfTheKernelsRangeIsRefused() throws IOException {
        assertMalformed(steps("{'op': 'sync'}", "{'op': 'set', 'name': 'dirty_ratio', 'value': 150}"),
                "step 2: \"value\" must be between 0 and 100");
    }

    @Test
    void aBadLatencyListsTheValues() throws IOException {
        assertMalformed("{'tunables': {'latency': 'floppy'}, 'steps': []}",
                "tunables: \"latency\" must be one of none, ssd, hdd, slow");
    }

    @Test
    void aBadDropCachesLevelIsRefused() throws IOException {
        assertMalformed(steps("{'op': 'drop_caches', 'level': 4}"), "step 1: \"level\" must be 1, 2 or 3");
    }

    @Test
    void anUnknownTopLevelKeyIsRefused() throws IOException {
        assertMalformed("{'steps': [], 'stpes': []}", "unknown key \"stpes\" (a scenario has \"tunables\" and \"steps\")");
    }

    @Test
    void missingStepsAreRefused() throws IOException {
        assertMalformed("{'tunables': {}}", "\"steps\" is missing");
    }

    @Test
    void invalidJsonIsOneLineWithItsPosition() throws IOException {
        assertThat(runJson("{'steps': [}")).isEqualTo(1);
        assertThat(err.toString()).startsWith("vfscope: " + dir.resolve("s.json") + ": not valid JSON: ")
                .contains("line 1, column");
        assertThat(err.toString().lines()).hasSize(1);
    }

    @Test
    void aMissingScenarioFileIsOneLineWithStatusOne() {
        assertThat(run("run", "--ramfs", "nope.json")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("vfscope: nope.json: No such file or directory" + System.lineSeparator());
    }

    @Test
    void debugAddsTheStackTrace() throws IOException {
        Path s = scenario(steps("{'op': 'frobnicate'}"));
        assertThat(run("run", "--debug", "--ramfs", s.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("vfscope: ").contains("\tat org.vfscope.app.");
    }

    // ---- the command line ---------------------------------------------------------------------

    @Test
    void ramfsAndAnImageTogetherIsAUsageError() throws IOException {
        Path s = scenario(steps());
        assertThat(run("run", "--ramfs", "disk.img", s.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("vfscope: with --ramfs give only SCENARIO.json");
    }

    @Test
    void neitherRamfsNorAnImageIsAUsageError() throws IOException {
        Path s = scenario(steps());
        assertThat(run("run", s.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("vfscope: give IMAGE and SCENARIO.json, or --ramfs");
    }

    @Test
    void helpShowsTheSynopsis() {
        assertThat(run("run", "--help")).isZero();
        assertThat(out.toString()).contains("vfscope run [--json] [--debug] [--partition N] (--ramfs | IMAGE) SCENARIO.json", "Exit status");
        out.getBuffer().setLength(0);
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("run");
    }

    // ---- images -------------------------------------------------------------------------------

    @Test
    void anImageNoDriverRecognisesExitsEightAndIsLeftByteForByteAsItWas() throws Exception {
        byte[] content = new byte[1 << 20];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 7);
        }
        Path image = Files.write(dir.resolve("disk.img"), content);
        long modified = Files.getLastModifiedTime(image).toMillis();
        String before = sha256(image);
        Path s = scenario(steps("{'op': 'write', 'path': '/f', 'length': 4096}", "{'op': 'sync'}"));

        assertThat(run("run", "--json", image.toString(), s.toString())).isEqualTo(8);

        assertThat(err.toString()).isEqualTo("vfscope: " + image + ": no recognised filesystem" + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
        assertThat(sha256(image)).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(image).toMillis()).isEqualTo(modified);
    }

    @Test
    void aMalformedScenarioIsReportedBeforeTheImageIsOpened() throws IOException {
        Path image = Files.write(dir.resolve("disk.img"), new byte[4096]);
        Path s = scenario(steps("{'op': 'frobnicate'}"));
        assertThat(run("run", image.toString(), s.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("unknown op");
    }

    @Test
    void aMissingImageCannotBeReadAtAllAndIsStatusEight() throws IOException {
        Path s = scenario(steps());
        assertThat(run("run", dir.resolve("nope.img").toString(), s.toString())).isEqualTo(8);
        assertThat(err.toString()).isEqualTo("vfscope: " + dir.resolve("nope.img") + ": No such file or directory"
                + System.lineSeparator());
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
