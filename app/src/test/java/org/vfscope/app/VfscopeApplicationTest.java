package org.vfscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import javafx.application.Application;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

class VfscopeApplicationTest {

    private final FxRobot robot = new FxRobot();
    private Stage stage;
    private Application app;

    @TempDir
    Path config;

    @BeforeEach
    void registerStage() throws Exception {
        System.setProperty("vfscope.config", config.toString());
        stage = FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void closeApplication() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
        System.clearProperty("vfscope.config");
    }

    @Test
    void withoutAnImageOpensTheWorkbenchOnTheWelcomeScreen() throws Exception {
        app = FxToolkit.setupApplication(VfscopeApplication.class);

        assertThat(stage.isShowing()).isTrue();
        assertThat(stage.getTitle()).isEqualTo("VFScope");
        assertThat(robot.lookup("#welcome").query().isVisible()).isTrue();
        assertThat(robot.lookup("#explorer").tryQuery()).isPresent();
        assertThat(robot.lookup("#status-image").queryLabeled().getText()).isEqualTo("No image");
    }
}
