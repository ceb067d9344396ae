package org.vfscope.app.scenario;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Typed, checked access to the fields of one JSON object of a scenario (a step). Remembers which
 * fields were asked for, so that {@link #rejectOthers} can name a field nobody expects — a typo
 * such as {@code "lenght"} must not silently fall back to a default.
 */
final class Fields {
    private final ObjectNode node;
    private final Set<String> asked = new LinkedHashSet<>();

    Fields(ObjectNode node) {
        this.node = node;
    }

    /** A required non-empty string. */
    String string(String key) {
        JsonNode v = required(key);
        if (!v.isTextual() || v.textValue().isEmpty()) {
            throw new Invalid(quote(key) + " must be a non-empty string");
        }
        return v.textValue();
    }

    /** A required integer >= 0. */
    long nonNegative(String key) {
        return nonNegative(key, required(key));
    }

    /** An optional integer >= 0. */
    long nonNegative(String key, long absent) {
        JsonNode v = optional(key);
        return v == null ? absent : nonNegative(key, v);
    }

    /** An optional integer in [1, max]. */
    int positive(String key, int absent, int max) {
        JsonNode v = optional(key);
        if (v == null) {
            return absent;
        }
        if (!isLong(v) || v.longValue() < 1) {
            throw new Invalid(quote(key) + " must be a positive integer");
        }
        if (v.longValue() > max) {
            throw new Invalid(quote(key) + " must be at most " + max);
        }
        return v.intValue();
    }

    /** A required value of any JSON type, checked by the caller. */
    JsonNode required(String key) {
        JsonNode v = optional(key);
        if (v == null) {
            throw new Invalid(quote(key) + " is missing");
        }
        return v;
    }

    private JsonNode optional(String key) {
        asked.add(key);
        return node.get(key);
    }

    /** Fails on the first field that no getter asked for; {@code op} names the step kind in the message. */
    void rejectOthers(String op) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!asked.contains(key)) {
                List<String> takes = new ArrayList<>(asked);
                takes.remove("op");
                throw new Invalid("unknown field " + quote(key) + " (" + op + " takes "
                        + (takes.isEmpty() ? "no fields" : String.join(", ", takes)) + ")");
            }
        }
    }

    private static long nonNegative(String key, JsonNode v) {
        if (!isLong(v) || v.longValue() < 0) {
            throw new Invalid(quote(key) + " must be a non-negative integer");
        }
        return v.longValue();
    }

    /** 4096 is an integer; 4096.0, "4096" and 1e30 are not. */
    static boolean isLong(JsonNode v) {
        return v.isIntegralNumber() && v.canConvertToLong();
    }

    static String quote(String key) {
        return '"' + key + '"';
    }

    /** A problem with one field; the parser adds the file name and the step. */
    static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }
}
