package org.vfscope.app.workbench;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import org.vfscope.app.workbench.explorer.FsNode;

/** What the TestFX tests do with the explorer tree: wait for a row, find it, select it. */
final class ExplorerDriver {
    private ExplorerDriver() {
    }

    /** Waits up to 20 s for {@code condition}, failing with what was awaited. */
    static void waitFor(String what, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what, e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The loaded tree row for a filesystem {@code path}, or null. */
    static TreeItem<FsNode> find(TreeItem<FsNode> at, String path) {
        if (at == null) {
            return null;
        }
        if (at.getValue().path().equals(path) && at.getValue().isFsEntry()) {
            return at;
        }
        for (TreeItem<FsNode> c : at.getChildren()) {
            TreeItem<FsNode> f = find(c, path);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    /** Waits for the row of {@code path} and selects it. */
    static void select(TreeView<FsNode> tree, String path) throws Exception {
        waitFor(path + " in the tree", () -> find(tree.getRoot(), path) != null);
        FxToolkit.setupFixture(() -> tree.getSelectionModel().select(find(tree.getRoot(), path)));
        WaitForAsyncUtils.waitForFxEvents();
    }
}
