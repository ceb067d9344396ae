package org.vfscope.app.cli.image;

/**
 * Paths inside an image, as the user writes them: always from the image's root ("docs/x" is
 * "/docs/x"), repeated and trailing slashes dropped. "." and ".." are left to the path walk.
 */
final class ImagePaths {
    private ImagePaths() {
    }

    /** {@code path} from the image's root, without repeated or trailing slashes. */
    static String absolute(String path) {
        StringBuilder sb = new StringBuilder();
        for (String part : path.split("/")) {
            if (!part.isEmpty()) {
                sb.append('/').append(part);
            }
        }
        return sb.length() == 0 ? "/" : sb.toString();
    }

    /** {@code dir}/{@code name}. */
    static String child(String dir, String name) {
        return dir.equals("/") ? "/" + name : dir + "/" + name;
    }

    /** The last component, or "/" for the root. */
    static String name(String path) {
        String p = absolute(path);
        return p.equals("/") ? "/" : p.substring(p.lastIndexOf('/') + 1);
    }

    /** The directory holding {@code path}; "/" for the root and its children. */
    static String parent(String path) {
        String p = absolute(path);
        int slash = p.lastIndexOf('/');
        return slash <= 0 ? "/" : p.substring(0, slash);
    }
}
