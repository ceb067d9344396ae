package org.vfscope.app.cli.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.vfscope.app.cli.Cli;
import org.vfscope.app.cli.Host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Runs {@code vfscope} in-process, as a script would run it, and keeps what it printed. */
final class Vfscope {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Exit status, raw stdout, and stderr. */
    record Run(int status, byte[] stdout, String err) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return MAPPER.readTree(stdout);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + out() + "\nstderr: " + err, e);
            }
        }

        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private Vfscope() {
    }

    static Run run(String... args) {
        Host host = new Host(false, Path.of("no-demo.img"), image -> {
            throw new AssertionError("the image commands must not open the workbench");
        });
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        StringWriter text = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter out = new PrintWriter(text, true);
        // --debug lowers the level of the one logback root logger in this JVM; put it back.
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.classic.Level level = root.getLevel();
        ch.qos.logback.classic.Logger drivers = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger("org.vfscope.fs");
        ch.qos.logback.classic.Level driversLevel = drivers.getLevel();
        int status;
        try {
            status = Cli.run(host, raw, out, new PrintWriter(err, true), args);
        } finally {
            root.setLevel(level);
            drivers.setLevel(driversLevel);
        }
        out.flush();
        byte[] textBytes = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[textBytes.length + raw.size()];
        System.arraycopy(textBytes, 0, all, 0, textBytes.length);
        System.arraycopy(raw.toByteArray(), 0, all, textBytes.length, raw.size());
        return new Run(status, all, err.toString());
    }
}
