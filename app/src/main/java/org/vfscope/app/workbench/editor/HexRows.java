package org.vfscope.app.workbench.editor;

import java.util.Locale;

/** How one row of the hex editor reads: offset, 16 byte cells, ASCII. Unloaded bytes are -1. */
public final class HexRows {
    public static final int BYTES_PER_ROW = 16;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private HexRows() {
    }

    public static long rowCount(long size) {
        return Math.max(1, (size + BYTES_PER_ROW - 1) / BYTES_PER_ROW);
    }

    /** 8 hex digits, or as many as the largest offset of the file needs. */
    public static String offset(long offset, long size) {
        int digits = Math.max(8, (64 - Long.numberOfLeadingZeros(Math.max(1, size - 1)) + 3) / 4);
        return String.format(Locale.ROOT, "%0" + digits + "x", offset);
    }

    /** "3f", "··" while not loaded, "" past the end of the file. */
    public static String cell(int b) {
        if (b == -2) {
            return "";
        }
        if (b < 0) {
            return "··";
        }
        return new String(new char[] {HEX[(b >> 4) & 0xf], HEX[b & 0xf]});
    }

    public static char ascii(int b) {
        if (b < 0) {
            return ' ';
        }
        return b >= 0x20 && b < 0x7f ? (char) b : '.';
    }

    /** The whole row as text, e.g. for copy and for tests: "00000010  48 65 6c ...  |Hel...|". */
    public static String render(long row, HexDocument doc) {
        long start = row * BYTES_PER_ROW;
        StringBuilder hex = new StringBuilder();
        StringBuilder asc = new StringBuilder();
        for (int i = 0; i < BYTES_PER_ROW; i++) {
            int b = doc.byteAt(start + i);
            hex.append(i == 8 ? "  " : " ").append(b == -2 ? "  " : cell(b));
            if (b != -2) {
                asc.append(ascii(b));
            }
        }
        return offset(start, doc.size()) + " " + hex + "  |" + asc + "|";
    }

    /** A hex digit typed by the user, or -1. */
    public static int nibble(String typed) {
        if (typed == null || typed.length() != 1) {
            return -1;
        }
        return Character.digit(typed.charAt(0), 16);
    }
}
