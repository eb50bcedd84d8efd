package io.syncline.cli.init;

import io.syncline.daemon.SinkFactoryCatalog;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The connection block {@code syncline init} writes for one sink, from its {@code --sink} URL: each
 * value as {@code ${SYNCLINE_<TYPE>_...:-value from the URL}}, and a password never in the file but
 * in a variable the user sets before {@code run} (the self-check gets its value instead).
 */
final class SinkConnection {
    private static final Pattern MONGO_PASSWORD = Pattern.compile("^(mongodb(?:\\+srv)?://[^:@/]*):([^@/]*)@");

    private final String sinkName;
    /** The prefix of the sink's variables: {@code SYNCLINE_<TYPE>}, numbered from the second sink of a type. */
    private final String variable;
    private final Map<String, String> options = new LinkedHashMap<>();
    private final Map<String, String> secrets = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();

    private SinkConnection(String sinkName, String variable) {
        this.sinkName = sinkName;
        this.variable = variable;
    }

    private record Credentials(String user, String password) {
        static final Credentials NONE = new Credentials(null, null);

        static Credentials of(URI url) {
            String userInfo = url.getHost() != null ? url.getRawUserInfo() : beforeHost(url.getRawAuthority());
            if (userInfo == null) {
                return NONE;
            }
            int colon = userInfo.indexOf(':');
            return new Credentials(decode(colon < 0 ? userInfo : userInfo.substring(0, colon)),
                    colon < 0 ? null : decode(userInfo.substring(colon + 1)));
        }
    }

    static SinkConnection of(SinkArgument sink, String sinkName, String variable, String pipelineName,
            SinkFactoryCatalog catalog) {
        SinkConnection connection = new SinkConnection(sinkName, variable);
        URI url = sink.url();
        // A MongoDB URI keeps its user, and its password becomes a variable inside the URI.
        Credentials credentials = "mongodb".equals(sink.type()) ? Credentials.NONE : Credentials.of(url);
        switch (sink.type()) {
            case "elasticsearch" -> connection.elasticsearch(url, credentials.user());
            case "clickhouse" -> connection.clickhouse(url, credentials.user());
            case "mongodb" -> connection.mongodb(url, pipelineName);
            default -> connection.options.put(catalog.targetKey(sink.type()).orElse("url"),
                    YamlText.literal(url.toString()));
        }
        if (credentials.password() != null) {
            connection.password(credentials.password());
        }
        return connection;
    }

    /** Option → YAML scalar as written. */
    Map<String, String> options() {
        return options;
    }

    /** Variable → value: the secrets the file refers to, for the self-check's environment. */
    Map<String, String> secrets() {
        return secrets;
    }

    /** What the user must do before {@code run}: set the password variables. */
    List<String> warnings() {
        return warnings;
    }

    private void elasticsearch(URI url, String user) {
        options.put("url", YamlText.variable(variable + "_URL", base(url, true)));
        if (user != null) {
            options.put("username", YamlText.literal(user));
        }
    }

    private void clickhouse(URI url, String user) {
        String path = url.getRawPath() == null ? "" : trimSlashes(url.getPath());
        options.put("url", YamlText.variable(variable + "_URL", base(url, false)));
        options.put("database", YamlText.variable(variable + "_DATABASE", path.isEmpty() ? "default" : path));
        if (user != null) {
            options.put("user", YamlText.literal(user));
        }
    }

    private void mongodb(URI url, String pipelineName) {
        String uri = url.toString();
        Matcher m = MONGO_PASSWORD.matcher(uri);
        String path = url.getPath() == null ? "" : trimSlashes(url.getPath());
        if (m.find()) {
            String passwordVariable = variable + "_PASSWORD";
            secrets.putIfAbsent(passwordVariable, m.group(2));
            warnings.add("the " + sinkName + " password is not in the file: set " + passwordVariable
                    + " (URL-encoded, as in the URI) before `run`");
            options.put("uri", YamlText.quoted(m.group(1).replace("${", "$${") + ":${" + passwordVariable
                    + "}@" + uri.substring(m.end()).replace("${", "$${")));
        } else {
            options.put("uri", YamlText.variable(variable + "_URI", uri));
        }
        options.put("database", YamlText.variable(variable + "_DATABASE", path.isEmpty() ? pipelineName : path));
    }

    private void password(String password) {
        String passwordVariable = variable + "_PASSWORD";
        secrets.putIfAbsent(passwordVariable, password);
        options.put("password", YamlText.requiredVariable(passwordVariable));
        warnings.add("the " + sinkName + " password is not in the file: set " + passwordVariable + " before `run`");
    }

    /** The URL without credentials (and, for ClickHouse, without a path: the path names the database). */
    private static String base(URI url, boolean keepPath) {
        StringBuilder b = new StringBuilder();
        b.append(url.getScheme()).append("://");
        if (url.getHost() != null) {
            b.append(url.getHost());
            if (url.getPort() >= 0) {
                b.append(':').append(url.getPort());
            }
        } else if (url.getRawAuthority() != null) {
            String authority = url.getRawAuthority();
            b.append(authority.substring(authority.lastIndexOf('@') + 1)); // host:port as given
        }
        if (keepPath && url.getRawPath() != null) {
            b.append(url.getRawPath());
        }
        if (url.getRawQuery() != null) {
            b.append('?').append(url.getRawQuery());
        }
        return b.toString();
    }

    /**
     * The user info of an authority {@link URI} could not split: it gives no host, port or user info
     * for a host name that is not a DNS name, such as Docker's {@code es_1}.
     */
    private static String beforeHost(String authority) {
        int at = authority == null ? -1 : authority.lastIndexOf('@');
        return at < 0 ? null : authority.substring(0, at);
    }

    private static String trimSlashes(String path) {
        return path.replaceAll("^/+|/+$", "");
    }

    /** Percent-decoding only: a '+' in a URL's user info is a plus, not a space as in a form. */
    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
