package org.vfscope.app.workbench.settings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes {@code settings.json} in the user's config directory
 * ({@code $XDG_CONFIG_HOME/vfscope}, else {@code ~/.config/vfscope}). A missing or unreadable
 * file gives the defaults: settings must never stop the workbench from starting.
 */
public final class SettingsStore {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsStore.class);
    private static final String FILE = "settings.json";

    private final Path dir;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public SettingsStore(Path dir) {
        this.dir = dir;
    }

    /** The config directory as the XDG base directory spec places it ({@code vfscope.config} overrides, for tests). */
    public static Path defaultDir(Map<String, String> env) {
        String override = System.getProperty("vfscope.config");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "vfscope");
        }
        return Path.of(System.getProperty("user.home"), ".config", "vfscope");
    }

    /** A store and what it held when it was read (off the FX thread, while JavaFX starts). */
    public record Loaded(SettingsStore store, Settings settings) {
        public static Loaded of(SettingsStore store) {
            return new Loaded(store, store.load());
        }
    }

    public Path dir() {
        return dir;
    }

    public Settings load() {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return new Settings();
        }
        try {
            return json.readValue(f.toFile(), Settings.class);
        } catch (IOException e) {
            LOG.warn("ignoring unreadable settings {}: {}", f, e.getMessage());
            return new Settings();
        }
    }

    /** Writes atomically (a temporary file moved over the old one). */
    public void save(Settings s) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve(FILE + ".tmp");
        json.writeValue(tmp.toFile(), s);
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
