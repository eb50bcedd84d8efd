package io.syncline.sink.elasticsearch;

import co.elastic.clients.elasticsearch._types.VersionType;
import io.syncline.sink.ConnectionOption;
import io.syncline.sink.SchemaChangePolicy;
import io.syncline.sink.SinkProblem;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The validated connection options of an Elasticsearch sink ({@code connection.*} in the
 * pipeline file). {@code toString()} never shows the password.
 *
 * @param url              the node to talk to: http(s), optionally with a path prefix (a proxy)
 * @param username         basic-auth user, or null
 * @param password         basic-auth password, or null (set together with username)
 * @param numberOfShards   for indices this sink creates
 * @param numberOfReplicas for indices this sink creates (0 on a single node)
 * @param versionType      {@code external} (default: strictly newer only, so a replay is Stale and
 *                         changes nothing; versions are each change's own source LSN, distinct for
 *                         every change of a row) or {@code external_gte} (an equal version is
 *                         written again)
 * @param refreshInterval  {@code index.refresh_interval} of the sink's indices (an Elasticsearch
 *                         time value, e.g. {@code 500ms}; {@code -1} turns periodic refreshes off),
 *                         or null to leave it to Elasticsearch (1 s by default)
 */
record ElasticsearchSinkOptions(URI url, String username, String password, int numberOfShards,
                                int numberOfReplicas, VersionType versionType, String refreshInterval) {

    static final String URL = "url";
    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    static final String NUMBER_OF_SHARDS = "numberOfShards";
    static final String NUMBER_OF_REPLICAS = "numberOfReplicas";
    static final String VERSION_TYPE = "versionType";
    static final String REFRESH_INTERVAL = "refreshInterval";
    /** Elasticsearch's time values as {@code refresh_interval} takes them (whole numbers only). */
    private static final Pattern TIME_VALUE = Pattern.compile("-1|0|[0-9]+(nanos|micros|ms|s|m|h|d)");
    /** Every option, described for the pipeline file's schema; {@link #problems} accepts exactly these keys. */
    static final List<ConnectionOption> OPTIONS = List.of(
            ConnectionOption.requiredText(URL, "The node to talk to: http(s)://host:port, optionally with a path prefix (a proxy);"
                    + " no credentials, query or fragment."),
            ConnectionOption.text(USERNAME, null, "Basic-auth user; set together with password."),
            ConnectionOption.text(PASSWORD, null, "Basic-auth password; set together with username.").asSecret(),
            ConnectionOption.integer(NUMBER_OF_SHARDS, 1, 1024, 1, "Shards of the indices this sink creates."),
            ConnectionOption.integer(NUMBER_OF_REPLICAS, 0, 1024, 1, "Replicas of the indices this sink creates (0 on a single node)."),
            ConnectionOption.choice(VERSION_TYPE, List.of("external", "external_gte"), "external",
                    "external: only a strictly newer version is written, so a replay changes nothing; external_gte: an equal version is written again."),
            ConnectionOption.text(REFRESH_INTERVAL, null, "index.refresh_interval of the indices this sink writes, e.g. 500ms"
                    + " (how soon a written document is searchable; -1: no periodic refresh); applied when an index is created"
                    + " and at start to one that has another; left out: Elasticsearch's own (1s)."),
            SchemaChangePolicy.OPTION);
    private static final Map<String, VersionType> VERSION_TYPES =
            Map.of("external_gte", VersionType.ExternalGte, "external", VersionType.External);

    /** Every problem with these connection options; empty when {@link #from} will succeed. */
    static List<SinkProblem> problems(Map<String, String> connection) {
        List<SinkProblem> problems = new ArrayList<>(SinkProblem.unknownConnectionKeys(connection, OPTIONS));
        checkUrl(connection.get(URL), problems);
        boolean hasUser = present(connection.get(USERNAME));
        boolean hasPassword = present(connection.get(PASSWORD));
        if (hasUser != hasPassword) {
            problems.add(problem(hasUser ? PASSWORD : USERNAME, "username and password go together: set both or neither"));
        }
        checkInt(connection, NUMBER_OF_SHARDS, 1, 1024, problems);
        checkInt(connection, NUMBER_OF_REPLICAS, 0, 1024, problems);
        String versionType = connection.get(VERSION_TYPE);
        if (versionType != null && !VERSION_TYPES.containsKey(versionType)) {
            problems.add(problem(VERSION_TYPE, "must be external_gte or external, not '" + versionType + "'"));
        }
        String refreshInterval = connection.get(REFRESH_INTERVAL);
        if (refreshInterval != null && !TIME_VALUE.matcher(refreshInterval.trim()).matches()) {
            problems.add(problem(REFRESH_INTERVAL, "must be an Elasticsearch time value such as 500ms, 1s or 30s (or -1: no"
                    + " periodic refresh), not '" + refreshInterval + "'"));
        }
        SchemaChangePolicy.problem(connection).ifPresent(problems::add);
        return problems;
    }

    /** Parses valid options; invalid ones are an {@link IllegalArgumentException} listing every problem. */
    static ElasticsearchSinkOptions from(String sinkName, Map<String, String> connection) {
        SinkProblem.requireNone(sinkName, problems(connection));
        return new ElasticsearchSinkOptions(URI.create(connection.get(URL)),
                blankToNull(connection.get(USERNAME)), blankToNull(connection.get(PASSWORD)),
                Integer.parseInt(connection.getOrDefault(NUMBER_OF_SHARDS, "1").trim()),
                Integer.parseInt(connection.getOrDefault(NUMBER_OF_REPLICAS, "1").trim()),
                VERSION_TYPES.get(connection.getOrDefault(VERSION_TYPE, "external")),
                present(connection.get(REFRESH_INTERVAL)) ? connection.get(REFRESH_INTERVAL).trim() : null);
    }

    boolean hasCredentials() {
        return username != null;
    }

    @Override
    public String toString() {
        return "ElasticsearchSinkOptions[url=" + url + ", username=" + username
                + ", password=" + (password == null ? "" : "******") + ", numberOfShards=" + numberOfShards
                + ", numberOfReplicas=" + numberOfReplicas + ", versionType=" + versionType.jsonValue()
                + ", refreshInterval=" + refreshInterval + "]";
    }

    private static void checkUrl(String url, List<SinkProblem> problems) {
        if (!present(url)) {
            problems.add(problem(URL, "is required, e.g. http://localhost:9200"));
            return;
        }
        try {
            URI uri = new URI(url);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                problems.add(problem(URL, "must be an http or https URL, not '" + url + "'"));
            } else if (uri.getHost() == null) {
                problems.add(problem(URL, "has no host: '" + url + "'"));
            } else if (uri.getRawUserInfo() != null) {
                // Credentials in a URL end up in logs; the URL is not masked.
                problems.add(problem(URL, "must not carry credentials; set connection.username and connection.password"));
            } else if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                problems.add(problem(URL, "must not have a query or fragment"));
            }
        } catch (URISyntaxException e) {
            problems.add(problem(URL, "is not a valid URL: " + e.getReason()));
        }
    }

    private static void checkInt(Map<String, String> connection, String key, int min, int max, List<SinkProblem> problems) {
        String value = connection.get(key);
        if (value == null) {
            return;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min || parsed > max) {
                problems.add(problem(key, "must be between " + min + " and " + max + ", not " + parsed));
            }
        } catch (NumberFormatException e) {
            problems.add(problem(key, "must be a whole number, not '" + value + "'"));
        }
    }

    private static SinkProblem problem(String key, String message) {
        return new SinkProblem("connection." + key, message);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static String blankToNull(String value) {
        return present(value) ? value : null;
    }
}
