package org.vfscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import javafx.application.Application;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

class VfscopeApplicationTest {

    private final FxRobot robot = new FxRobot();
    private Stage stage;
    private Application app;

    @BeforeEach
    void registerStage() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void closeApplication() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
    }

    @Test
    void opensAWindowTitledVfscopeThatNamesTheImage() throws Exception {
        Path image = Path.of("/images/demo.img").toAbsolutePath();
        app = FxToolkit.setupApplication(VfscopeApplication.class, "--image=" + image);

        assertThat(stage.isShowing()).isTrue();
        assertThat(stage.getTitle()).isEqualTo("VFScope");
        assertThat(robot.lookup("#image-path").queryLabeled().getText()).isEqualTo("Image: " + image);
        assertThat(robot.lookup("#workbench-coming").queryLabeled().isVisible()).isTrue();
    }

    @Test
    void withoutAnImageSaysSo() throws Exception {
        app = FxToolkit.setupApplication(VfscopeApplication.class);

        assertThat(robot.lookup("#image-path").queryLabeled().getText()).isEqualTo("No image opened.");
    }
}
