package org.vfscope.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Reads a JSON Lines trace written by {@link TraceWriter}, one event per line; blank lines are
 * skipped. A line that is not an event raises {@link TraceFormatException} naming the line.
 * Iterable once, front to back. Not thread-safe.
 */
public final class TraceReader implements Closeable, Iterable<TraceEvent> {
    private static final ObjectReader JSON = TraceJson.mapper().readerFor(TraceEvent.class);

    private final BufferedReader in;
    private long lineNumber;

    public TraceReader(Reader in) {
        Objects.requireNonNull(in, "in");
        this.in = in instanceof BufferedReader b ? b : new BufferedReader(in);
    }

    public TraceReader(InputStream in) {
        this(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    /** The next event, or null at the end of the trace. */
    public TraceEvent read() throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                return null;
            }
            lineNumber++;
        } while (line.isBlank());
        try {
            return JSON.readValue(line);
        } catch (JsonProcessingException e) {
            throw new TraceFormatException(lineNumber, e.getOriginalMessage(), e);
        }
    }

    /** Every remaining event. */
    public List<TraceEvent> readAll() throws IOException {
        List<TraceEvent> events = new ArrayList<>();
        for (TraceEvent e = read(); e != null; e = read()) {
            events.add(e);
        }
        return events;
    }

    /** The number of the last line read (1 for the first). */
    public long lineNumber() {
        return lineNumber;
    }

    /** The remaining events; I/O errors surface as {@link UncheckedIOException}. */
    @Override
    public Iterator<TraceEvent> iterator() {
        return new Iterator<>() {
            private TraceEvent next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    try {
                        next = read();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return next != null;
            }

            @Override
            public TraceEvent next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                TraceEvent e = next;
                next = null;
                return e;
            }
        };
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
