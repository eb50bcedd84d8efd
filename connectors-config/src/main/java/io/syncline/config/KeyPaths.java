package io.syncline.config;

/** Key paths as problems name them: {@code source.postgres.port}, {@code sinks[0].views[1].index}. */
final class KeyPaths {
    private KeyPaths() {
    }

    static String child(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    static String item(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** The path one level up ({@code a.b[2]} → {@code a.b}, {@code a.b} → {@code a}), or null at the root. */
    static String parent(String path) {
        if (path.isEmpty()) {
            return null;
        }
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }
}
