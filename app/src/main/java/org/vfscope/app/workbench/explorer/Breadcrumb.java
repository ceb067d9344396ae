package org.vfscope.app.workbench.explorer;

import java.util.ArrayList;
import java.util.List;

/** The segments of the path to a node, each with the node it leads to: image › volume › dir › file. */
public final class Breadcrumb {
    private Breadcrumb() {
    }

    /** One clickable segment. */
    public record Segment(String label, FsNode target) {
    }

    public static List<Segment> of(FsNode image, FsNode volume, FsNode node) {
        List<Segment> out = new ArrayList<>();
        out.add(new Segment(image.name(), image));
        if (node == null || node.kind() == FsNode.Kind.IMAGE || volume == null) {
            return out;
        }
        out.add(new Segment(volume.name(), volume));
        if (node.kind() == FsNode.Kind.VOLUME) {
            return out;
        }
        String dir = "/";
        String[] parts = node.path().substring(1).split("/");
        for (int i = 0; i < parts.length; i++) {
            String path = FsNode.join(dir, parts[i]);
            boolean last = i == parts.length - 1;
            out.add(new Segment(parts[i], last ? node : new FsNode(FsNode.Kind.DIRECTORY, parts[i], node.volume(), path, 0)));
            dir = path;
        }
        return out;
    }
}
