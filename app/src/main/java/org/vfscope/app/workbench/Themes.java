package org.vfscope.app.workbench;

import javafx.application.Application;
import javafx.scene.Scene;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;

/** Light and dark (AtlantaFX Primer), plus the workbench's own stylesheet and presentation mode. */
public final class Themes {
    public static final String LIGHT = "light";
    public static final String DARK = "dark";
    private static final String CSS = Themes.class.getResource("workbench.css").toExternalForm();

    private Themes() {
    }

    public static void apply(Scene scene, String theme, boolean presentation) {
        boolean dark = DARK.equals(theme);
        String ua = dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet();
        // Setting it restyles every window: only when it changes (a floating tool window opening must not).
        if (!ua.equals(Application.getUserAgentStylesheet())) {
            Application.setUserAgentStylesheet(ua);
        }
        scene.getStylesheets().setAll(CSS);
        scene.getRoot().getStyleClass().removeAll("theme-dark", "theme-light", "presentation");
        scene.getRoot().getStyleClass().add(dark ? "theme-dark" : "theme-light");
        if (presentation) {
            scene.getRoot().getStyleClass().add("presentation");
        }
    }
}
