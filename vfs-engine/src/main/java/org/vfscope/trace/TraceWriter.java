package org.vfscope.trace;

import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** Records trace events as JSON Lines: one event object per line, UTF-8. Not thread-safe. */
public final class TraceWriter implements Closeable, Flushable {
    private static final ObjectWriter JSON = TraceJson.mapper().writerFor(TraceEvent.class);

    private final Writer out;

    public TraceWriter(Writer out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    public TraceWriter(OutputStream out) {
        this(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)));
    }

    public void write(TraceEvent event) throws IOException {
        // Compact JSON escapes newlines inside strings, so one event is always one line.
        out.write(JSON.writeValueAsString(Objects.requireNonNull(event, "event")));
        out.write('\n');
    }

    public void writeAll(Iterable<? extends TraceEvent> events) throws IOException {
        for (TraceEvent e : events) {
            write(e);
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
