package org.vfscope.app.workbench.tools;

import java.util.Locale;

/**
 * One row of the Problems view, in the spirit of e2fsck's problem table: severity, a stable code,
 * the message, and where it is (volume and path, or inode and block) so the row can jump there.
 *
 * @param volume the volume index, or -1 for the image
 * @param path   the path in the volume, or "" when only the inode is known
 * @param inode  the inode, or 0
 * @param block  the block, or -1
 */
public record Problem(Severity severity, String code, String message, int volume, String path, long inode, long block) {

    /** How bad it is; the icon of the row. */
    public enum Severity { ERROR, WARNING, INFO }

    /** An error met while browsing: a directory that could not be read, a file that could not be opened. */
    public static Problem browsing(int volume, String path, String message) {
        return new Problem(Severity.ERROR, "BROWSE", message, volume, path, 0, -1);
    }

    /** "inode 12, block 345" or the path: where the row jumps to. */
    public String location() {
        StringBuilder sb = new StringBuilder();
        if (!path.isEmpty()) {
            sb.append(path);
        }
        if (inode != 0) {
            sb.append(sb.isEmpty() ? "" : ", ").append("inode ").append(inode);
        }
        if (block >= 0) {
            sb.append(sb.isEmpty() ? "" : ", ").append("block ").append(block);
        }
        return sb.toString();
    }

    public String severityLabel() {
        return severity.name().charAt(0) + severity.name().substring(1).toLowerCase(Locale.ROOT);
    }
}
