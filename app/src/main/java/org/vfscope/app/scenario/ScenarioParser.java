package org.vfscope.app.scenario;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.vfscope.mm.VmTunables;
import org.vfscope.vfs.VfsException;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads and validates a scenario file, all of it, before anything runs: a scenario that would
 * fail at step 40 must not first spend a minute on steps 1 to 39. Every message names the file,
 * the step (numbered from 1) and the field.
 */
public final class ScenarioParser {

    /** The largest read/write chunk: one buffer of this size is allocated per step. */
    public static final int MAX_CHUNK = 16 << 20;
    public static final int DEFAULT_CHUNK = 4096;

    private static final String TUNABLES = "tunables";
    private static final String STEPS = "steps";

    private final ObjectMapper mapper = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Each op and how to read its fields; the order is the one error messages list. */
    private final Map<String, Function<Fields, Step>> ops = new LinkedHashMap<>();

    public ScenarioParser() {
        ops.put("read", f -> new Step.Read(f.string("path"), f.nonNegative("offset", 0),
                f.nonNegative("length"), f.positive("chunk", DEFAULT_CHUNK, MAX_CHUNK)));
        ops.put("write", f -> new Step.Write(f.string("path"), f.nonNegative("offset", 0),
                f.nonNegative("length"), f.positive("chunk", DEFAULT_CHUNK, MAX_CHUNK)));
        ops.put("create", f -> new Step.Create(f.string("path")));
        ops.put("mkdir", f -> new Step.Mkdir(f.string("path")));
        ops.put("unlink", f -> new Step.Unlink(f.string("path")));
        ops.put("stat", f -> new Step.Stat(f.string("path")));
        ops.put("ls", f -> new Step.Ls(f.string("path")));
        ops.put("rename", f -> new Step.Rename(f.string("from"), f.string("to")));
        ops.put("fsync", f -> new Step.Fsync(f.string("path")));
        ops.put("sync", f -> new Step.Sync());
        ops.put("drop_caches", f -> new Step.DropCaches(dropLevel(f)));
        ops.put("set", f -> {
            String name = f.string("name");
            return new Step.Set(tunable(name, f.required("value"), "\"value\""));
        });
        ops.put("advance", f -> new Step.Advance(f.nonNegative("ms")));
        ops.put("sleep", f -> new Step.Sleep(f.nonNegative("ms")));
    }

    /** Reads {@code file}; messages start with the file name as given. */
    public Scenario parse(Path file) throws ScenarioException {
        String name = file.toString();
        if (Files.isDirectory(file)) {
            throw new ScenarioException(name + ": Is a directory");
        }
        byte[] json;
        try {
            json = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ScenarioException(name + ": No such file or directory", e);
        } catch (AccessDeniedException e) {
            throw new ScenarioException(name + ": Permission denied", e);
        } catch (IOException e) {
            throw new ScenarioException(name + ": " + e.getMessage(), e);
        }
        return parse(name, json);
    }

    /** Parses scenario text; {@code name} starts every message. */
    public Scenario parse(String name, byte[] json) throws ScenarioException {
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ScenarioException(name + ": not valid JSON: " + e.getOriginalMessage() + where(e.getLocation()), e);
        } catch (IOException e) {
            throw new ScenarioException(name + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ScenarioException(name + ": must be a JSON object with \"steps\" (and optionally \"tunables\")");
        }
        try {
            return scenario((ObjectNode) root);
        } catch (Fields.Invalid e) {
            throw new ScenarioException(name + ": " + e.getMessage(), e);
        }
    }

    private Scenario scenario(ObjectNode root) {
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals(TUNABLES) && !key.equals(STEPS)) {
                throw new Fields.Invalid("unknown key " + Fields.quote(key) + " (a scenario has \"tunables\" and \"steps\")");
            }
        }
        List<Tunable> tunables = new ArrayList<>();
        JsonNode t = root.get(TUNABLES);
        if (t != null) {
            if (!t.isObject()) {
                throw new Fields.Invalid("\"tunables\" must be an object of NAME: VALUE");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = t.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                tunables.add(inContext("tunables: ", () -> tunable(e.getKey(), e.getValue(), Fields.quote(e.getKey()))));
            }
        }
        JsonNode s = root.get(STEPS);
        if (s == null) {
            throw new Fields.Invalid("\"steps\" is missing");
        }
        if (!s.isArray()) {
            throw new Fields.Invalid("\"steps\" must be an array");
        }
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            JsonNode stepNode = s.get(i);
            steps.add(inContext("step " + (i + 1) + ": ", () -> step(stepNode)));
        }
        return new Scenario(tunables, steps);
    }

    private Step step(JsonNode node) {
        if (!node.isObject()) {
            throw new Fields.Invalid("must be an object with an \"op\"");
        }
        Fields f = new Fields((ObjectNode) node);
        String op = f.string("op");
        Function<Fields, Step> reader = ops.get(op);
        if (reader == null) {
            throw new Fields.Invalid("unknown op " + Fields.quote(op) + " (known: " + String.join(", ", ops.keySet()) + ")");
        }
        Step step = reader.apply(f);
        f.rejectOthers(op);
        if (step instanceof Step.Read r) {
            endFits(r.offset(), r.length());
        } else if (step instanceof Step.Write w) {
            endFits(w.offset(), w.length());
        }
        return step;
    }

    private static int dropLevel(Fields f) {
        JsonNode v = f.required("level");
        if (!Fields.isLong(v) || v.longValue() < 1 || v.longValue() > 3) {
            throw new Fields.Invalid("\"level\" must be 1, 2 or 3");
        }
        return v.intValue();
    }

    /** A file offset is a signed 64-bit number: offset + length must be one too. */
    private static void endFits(long offset, long length) {
        if (offset > Long.MAX_VALUE - length) {
            throw new Fields.Invalid("\"offset\" + \"length\" is beyond the largest file offset");
        }
    }

    /** A tunable by name; {@code label} is how a message names the value (the tunable, or "value"). */
    private static Tunable tunable(String name, JsonNode value, String label) {
        if (name.equals(Tunable.LATENCY)) {
            return Tunable.DeviceLatency.of(value.isTextual() ? value.textValue() : "")
                    .orElseThrow(() -> new Fields.Invalid(label + " must be one of " + String.join(", ", Tunable.latencyNames())));
        }
        if (!Tunable.names().contains(name)) {
            throw new Fields.Invalid("unknown tunable " + Fields.quote(name) + " (known: " + String.join(", ", Tunable.names()) + ")");
        }
        if (!Fields.isLong(value) || value.longValue() < 0) {
            throw new Fields.Invalid(label + " must be a non-negative integer");
        }
        try {
            // A scratch copy checks the kernel's own range now, before any step runs.
            new VmTunables().set(name, value.longValue());
        } catch (VfsException e) {
            throw new Fields.Invalid(label + " " + rangeOf(e));
        }
        return new Tunable.Vm(name, value.longValue());
    }

    private static final Pattern DETAIL = Pattern.compile("\\(([^()]*)\\)$");

    /** "dirty_ratio: Invalid argument (must be between 0 and 100)" -> "must be between 0 and 100". */
    private static String rangeOf(VfsException e) {
        Matcher m = DETAIL.matcher(e.getMessage());
        return m.find() ? m.group(1) : "is out of range (" + e.getMessage() + ")";
    }

    private static <T> T inContext(String context, Supplier<T> read) {
        try {
            return read.get();
        } catch (Fields.Invalid e) {
            throw new Fields.Invalid(context + e.getMessage());
        }
    }

    private static String where(JsonLocation at) {
        return at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }
}
