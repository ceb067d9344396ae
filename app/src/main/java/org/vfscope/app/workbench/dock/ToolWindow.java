package org.vfscope.app.workbench.dock;

import java.util.function.Supplier;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.Node;

import org.kordamp.ikonli.Ikon;

/**
 * A tool window: its id (in the settings file and in node ids), title, icon and shortcut, and its
 * content, built the first time it shows so that windows nobody opens cost no startup time.
 */
public final class ToolWindow {
    private final String id;
    private final StringProperty title;
    private final Ikon icon;
    private final String shortcut;
    private final Supplier<Node> factory;
    private Node content;

    public ToolWindow(String id, String title, Ikon icon, String shortcut, Supplier<Node> factory) {
        this.id = id;
        this.title = new SimpleStringProperty(this, "title", title);
        this.icon = icon;
        this.shortcut = shortcut;
        this.factory = factory;
    }

    public String id() {
        return id;
    }

    /** The title; bindable (e.g. "Problems (3)"). */
    public StringProperty titleProperty() {
        return title;
    }

    public Ikon icon() {
        return icon;
    }

    /** Its key, as the action registry writes it ("Alt+3"), or empty. */
    public String shortcut() {
        return shortcut;
    }

    /** The content, built on the first call. */
    public Node content() {
        if (content == null) {
            content = factory.get();
        }
        return content;
    }

    /** "Page Cache (Alt+3)": for tooltips. */
    public String describe() {
        return title.get() + (shortcut.isEmpty() ? "" : " (" + shortcut + ")");
    }
}
