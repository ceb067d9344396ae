package org.vfscope.app.cli.image;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.vfscope.sys.Process;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.VfsException;

/**
 * The extended attributes of a path (not following a final symlink), as {@code getfattr -d}
 * shows them: text values as text, anything else as "base64:" and the bytes in base64.
 */
final class Xattrs {
    static final String BASE64_PREFIX = "base64:";

    private Xattrs() {
    }

    /** Name to value, sorted by name; empty when the filesystem keeps none. */
    static Map<String, String> of(Process p, String path) {
        Map<String, String> values = new TreeMap<>();
        List<String> names;
        try {
            names = p.llistxattr(path);
        } catch (VfsException e) {
            if (e.errno() == Errno.EOPNOTSUPP || e.errno() == Errno.ENOSYS) {
                return values;
            }
            throw e;
        }
        for (String name : names) {
            try {
                values.put(name, text(p.lgetxattr(path, name)));
            } catch (VfsException e) {
                if (e.errno() != Errno.ENODATA) { // gone since it was listed, or hidden from us: leave it out
                    throw e;
                }
            }
        }
        return values;
    }

    /** The value as text if it is printable UTF-8 (a trailing NUL allowed), else base64. */
    static String text(byte[] value) {
        int length = value.length > 0 && value[value.length - 1] == 0 ? value.length - 1 : value.length;
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value, 0, length)).toString();
            if (!s.startsWith(BASE64_PREFIX) && s.chars().noneMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
                return s;
            }
        } catch (CharacterCodingException e) {
            // not text: fall through to base64
        }
        return BASE64_PREFIX + Base64.getEncoder().encodeToString(value);
    }
}
