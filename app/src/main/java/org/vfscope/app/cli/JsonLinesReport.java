package org.vfscope.app.cli;

import java.io.PrintWriter;

import org.vfscope.app.scenario.ScenarioRunner;
import org.vfscope.app.scenario.StepResult;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code run --json}: one JSON object per step and line, {@code {"step", "op", ["error",] "counters"}}. */
final class JsonLinesReport implements ScenarioRunner.Listener {
    private final ObjectMapper mapper = new ObjectMapper();
    private final PrintWriter out;

    JsonLinesReport(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void stepDone(StepResult r) {
        ObjectNode line = mapper.createObjectNode();
        line.put("step", r.number());
        line.put("op", r.step().op());
        r.error().ifPresent(e -> line.put("error", e.name()));
        line.set("counters", CountersJson.of(r.counters()));
        try {
            out.println(mapper.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a step as JSON", e);
        }
        out.flush(); // a reader of the pipe sees each step as it ends, also before a long sleep
    }
}
