package org.vfscope.app.workbench.editor;

import javafx.collections.FXCollections;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import org.vfscope.fs.ext.ExtGroupDesc;

/** The superblock's fields and the block group table. */
public final class SuperblockView extends BorderPane {
    public SuperblockView(SuperblockReport report) {
        setId("superblock-view");
        TableView<ExtGroupDesc> groups = new TableView<>(FXCollections.observableArrayList(report.groups()));
        groups.getColumns().add(FieldTables.column("Group", g -> Long.toString(g.group()), 70));
        groups.getColumns().add(FieldTables.column("Block bitmap", g -> Long.toString(g.blockBitmap()), 110));
        groups.getColumns().add(FieldTables.column("Inode bitmap", g -> Long.toString(g.inodeBitmap()), 110));
        groups.getColumns().add(FieldTables.column("Inode table", g -> Long.toString(g.inodeTable()), 110));
        groups.getColumns().add(FieldTables.column("Free blocks", g -> Long.toString(g.freeBlocks()), 100));
        groups.getColumns().add(FieldTables.column("Free inodes", g -> Long.toString(g.freeInodes()), 100));
        groups.getColumns().add(FieldTables.column("Dirs", g -> Long.toString(g.usedDirs()), 60));
        groups.getColumns().add(FieldTables.column("Flags", SuperblockView::flags, 200));
        groups.setPlaceholder(new Label("No block groups (not an ext filesystem)."));
        Label title = new Label("Block groups" + (report.groupsTruncated() ? " (first 4096)" : ""));
        title.getStyleClass().add("section-title");
        VBox box = new VBox(4, title, groups);
        VBox.setVgrow(groups, Priority.ALWAYS);
        SplitPane split = new SplitPane(FieldTables.fields(report.fields()), box);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.6);
        setCenter(split);
    }

    private static String flags(ExtGroupDesc g) {
        StringBuilder sb = new StringBuilder();
        if (g.hasFlag(ExtGroupDesc.INODE_UNINIT)) {
            sb.append("INODE_UNINIT ");
        }
        if (g.hasFlag(ExtGroupDesc.BLOCK_UNINIT)) {
            sb.append("BLOCK_UNINIT ");
        }
        if (g.hasFlag(ExtGroupDesc.INODE_ZEROED)) {
            sb.append("ITABLE_ZEROED");
        }
        return sb.toString().strip();
    }
}
