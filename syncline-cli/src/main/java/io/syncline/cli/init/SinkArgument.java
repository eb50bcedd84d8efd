package io.syncline.cli.init;

import io.syncline.daemon.SinkFactoryCatalog;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.TreeSet;

/** One {@code --sink TYPE=URL} of {@code syncline init}: a sink type the catalog knows, and its store's URL. */
record SinkArgument(String type, URI url) {

    static SinkArgument parse(String text, SinkFactoryCatalog catalog) throws InitFailure {
        int eq = text.indexOf('=');
        String type = eq < 0 ? text : text.substring(0, eq);
        if (!catalog.types().contains(type)) {
            throw InitFailure.usage("--sink " + type + ": unknown sink type (types: "
                    + String.join(", ", new TreeSet<>(catalog.types())) + "); write TYPE=URL");
        }
        if (eq < 0 || eq == text.length() - 1) {
            throw InitFailure.usage("--sink " + type + ": give its URL, e.g. " + type + "=" + exampleUrl(type));
        }
        try {
            return new SinkArgument(type, new URI(text.substring(eq + 1)));
        } catch (URISyntaxException e) {
            throw InitFailure.usage("--sink " + type + ": not a URL: " + e.getReason());
        }
    }

    /** The command line with the passwords of sink URLs masked: for the file's header. */
    static String masked(String text) {
        return text.replaceAll("(://[^:@/]*):[^@/]*@", "$1:******@");
    }

    private static String exampleUrl(String type) {
        return switch (type) {
            case "mongodb" -> "mongodb://127.0.0.1:27017";
            case "clickhouse" -> "http://127.0.0.1:8123";
            default -> "http://127.0.0.1:9200";
        };
    }
}
