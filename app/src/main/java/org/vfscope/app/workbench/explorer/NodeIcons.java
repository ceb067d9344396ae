package org.vfscope.app.workbench.explorer;

import java.util.Locale;
import java.util.Set;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The explorer's icon for each kind of row (and for text-like files). */
public final class NodeIcons {
    private static final Set<String> TEXT = Set.of("txt", "md", "conf", "cfg", "ini", "sh", "py", "c", "h", "java",
            "json", "xml", "html", "css", "js", "yaml", "yml", "log", "csv", "rst", "service", "toml");

    private NodeIcons() {
    }

    public static Ikon ikon(FsNode n) {
        return switch (n.kind()) {
            case IMAGE -> Feather.HARD_DRIVE;
            case VOLUME -> Feather.DATABASE;
            case DIRECTORY -> Feather.FOLDER;
            case SYMLINK -> Feather.LINK_2;
            case DEVICE -> Feather.CPU;
            case FIFO, SOCKET -> Feather.RADIO;
            case FILE -> isText(n.name()) ? Feather.FILE_TEXT : Feather.FILE;
            case UNKNOWN -> Feather.HELP_CIRCLE;
        };
    }

    public static FontIcon icon(FsNode n) {
        FontIcon i = new FontIcon(ikon(n));
        i.getStyleClass().add("node-icon-" + n.kind().name().toLowerCase(Locale.ROOT));
        return i;
    }

    static boolean isText(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 || TEXT.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
