package org.vfscope.app.workbench.explorer;

import java.util.function.Consumer;

import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;

import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The breadcrumb of the selection: image › volume › dir › file, each segment clickable. */
final class BreadcrumbBar extends FlowPane {
    BreadcrumbBar(ExplorerViewModel viewModel, Consumer<FsNode> go) {
        setId("breadcrumb");
        getStyleClass().add("breadcrumb");
        setAlignment(Pos.CENTER_LEFT);
        setHgap(1);
        setVgap(1);
        viewModel.breadcrumb().addListener((ListChangeListener<Breadcrumb.Segment>) c -> {
            getChildren().clear();
            boolean first = true;
            for (Breadcrumb.Segment s : viewModel.breadcrumb()) {
                if (!first) {
                    FontIcon chevron = new FontIcon(Feather.CHEVRON_RIGHT);
                    chevron.getStyleClass().add("breadcrumb-chevron");
                    getChildren().add(chevron);
                }
                first = false;
                Hyperlink link = new Hyperlink(s.label());
                link.getStyleClass().add("breadcrumb-segment");
                link.setOnAction(e -> go.accept(s.target()));
                getChildren().add(link);
            }
            if (getChildren().isEmpty()) {
                getChildren().add(new Label(""));
            }
        });
    }
}
