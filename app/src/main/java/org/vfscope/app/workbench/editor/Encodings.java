package org.vfscope.app.workbench.editor;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Guesses how a file's bytes are text: BOMs first, then valid UTF-8, else ISO-8859-1; NULs mean binary. */
public final class Encodings {
    private static final int SNIFF = 8192;

    private Encodings() {
    }

    /** The detected charset and how many bytes of BOM to skip. */
    public record Detected(Charset charset, int bom) {
        public String decode(byte[] b) {
            return new String(b, bom, b.length - bom, charset);
        }

        public byte[] encode(String text) {
            byte[] body = text.getBytes(charset);
            if (bom == 0) {
                return body;
            }
            byte[] out = new byte[bom + body.length];
            System.arraycopy(bomBytes(), 0, out, 0, bom);
            System.arraycopy(body, 0, out, bom, body.length);
            return out;
        }

        private byte[] bomBytes() {
            if (charset.equals(StandardCharsets.UTF_8)) {
                return new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
            }
            return charset.equals(StandardCharsets.UTF_16LE) ? new byte[] {(byte) 0xFF, (byte) 0xFE}
                    : new byte[] {(byte) 0xFE, (byte) 0xFF};
        }
    }

    public static Detected detect(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            return new Detected(StandardCharsets.UTF_8, 3);
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) {
            return new Detected(StandardCharsets.UTF_16LE, 2);
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) {
            return new Detected(StandardCharsets.UTF_16BE, 2);
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
            return new Detected(StandardCharsets.UTF_8, 0);
        } catch (CharacterCodingException e) {
            return new Detected(StandardCharsets.ISO_8859_1, 0);
        }
    }

    /** A NUL in the first 8 KiB (and no UTF-16 BOM): show it in the hex editor. */
    public static boolean looksBinary(byte[] b) {
        Detected d = detect(b);
        if (d.bom() > 0 && !d.charset().equals(StandardCharsets.UTF_8)) {
            return false;
        }
        for (int i = 0; i < Math.min(b.length, SNIFF); i++) {
            if (b[i] == 0) {
                return true;
            }
        }
        return false;
    }
}
