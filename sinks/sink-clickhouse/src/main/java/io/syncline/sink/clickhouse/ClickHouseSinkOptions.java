package io.syncline.sink.clickhouse;

import io.syncline.sink.ConnectionOption;
import io.syncline.sink.SchemaChangePolicy;
import io.syncline.sink.SinkProblem;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The validated connection options of a ClickHouse sink ({@code connection.*} in the pipeline
 * file). {@code toString()} never shows the password.
 *
 * @param url             ClickHouse's HTTP interface, {@code http(s)://host:port}
 * @param database        where the tables live (created if missing); default {@code default}
 * @param user            default {@code default}
 * @param password        may be empty
 * @param schemaEvolution what to do when a view has fields its table lacks
 * @param schemaChanges   what to do about columns no field fills any more, and narrowed types
 * @param compress        whether the server compresses responses (default true; the test kit's
 *                        chDB front cannot)
 */
record ClickHouseSinkOptions(URI url, String database, String user, String password, SchemaEvolution schemaEvolution,
                             SchemaChangePolicy schemaChanges, boolean compress) {

    static final String URL = "url";
    static final String DATABASE = "database";
    static final String USER = "user";
    static final String PASSWORD = "password";
    static final String SCHEMA_EVOLUTION = "schemaEvolution";
    static final String COMPRESS = "compress";
    /** Every option, described for the pipeline file's schema; {@link #problems} accepts exactly these keys. */
    static final List<ConnectionOption> OPTIONS = List.of(
            ConnectionOption.requiredText(URL, "ClickHouse's HTTP interface: just http(s)://host:port, no credentials or path."),
            ConnectionOption.text(DATABASE, "default", "Where the tables live (created if missing)."),
            ConnectionOption.text(USER, "default", "The ClickHouse user."),
            ConnectionOption.text(PASSWORD, "", "The user's password; may be empty.").asSecret(),
            ConnectionOption.choice(SCHEMA_EVOLUTION, List.of("add_columns", "fail"), "add_columns",
                    "When a view has fields its table lacks: add_columns (ALTER TABLE ... ADD COLUMN IF NOT EXISTS) or fail."),
            ConnectionOption.bool(COMPRESS, true, "Whether the server compresses responses."),
            SchemaChangePolicy.OPTION);

    /** When a view has fields its table lacks. */
    enum SchemaEvolution {
        /** {@code ALTER TABLE ... ADD COLUMN IF NOT EXISTS} for each. */
        ADD_COLUMNS("add_columns"),
        /** Stop the sink with a message naming them. */
        FAIL("fail");

        private final String option;

        SchemaEvolution(String option) {
            this.option = option;
        }

        String option() {
            return option;
        }

        static SchemaEvolution of(String option) {
            for (SchemaEvolution value : values()) {
                if (value.option.equals(option)) {
                    return value;
                }
            }
            return null;
        }
    }

    /** Every problem with these connection options; empty when {@link #from} will succeed. No network. */
    static List<SinkProblem> problems(Map<String, String> connection) {
        List<SinkProblem> problems = new ArrayList<>(SinkProblem.unknownConnectionKeys(connection, OPTIONS));
        checkUrl(connection.get(URL), problems);
        String database = connection.get(DATABASE);
        if (database != null && (database.isBlank() || database.indexOf('\0') >= 0)) {
            problems.add(problem(DATABASE, "must be a database name (default: default)"));
        }
        String user = connection.get(USER);
        if (user != null && user.isBlank()) {
            problems.add(problem(USER, "must not be blank (default: default)"));
        }
        String evolution = connection.get(SCHEMA_EVOLUTION);
        if (evolution != null && SchemaEvolution.of(evolution) == null) {
            problems.add(problem(SCHEMA_EVOLUTION, "must be add_columns or fail, not '" + evolution + "'"));
        }
        String compress = connection.get(COMPRESS);
        if (compress != null && !compress.equals("true") && !compress.equals("false")) {
            problems.add(problem(COMPRESS, "must be true or false, not '" + compress + "'"));
        }
        SchemaChangePolicy.problem(connection).ifPresent(problems::add);
        return problems;
    }

    /** Parses valid options; invalid ones are an {@link IllegalArgumentException} listing every problem. */
    static ClickHouseSinkOptions from(String sinkName, Map<String, String> connection) {
        SinkProblem.requireNone(sinkName, problems(connection));
        URI url = URI.create(connection.get(URL));
        return new ClickHouseSinkOptions(URI.create(url.getScheme() + "://" + url.getRawAuthority()),
                connection.getOrDefault(DATABASE, "default"), connection.getOrDefault(USER, "default"),
                connection.getOrDefault(PASSWORD, ""),
                SchemaEvolution.of(connection.getOrDefault(SCHEMA_EVOLUTION, SchemaEvolution.ADD_COLUMNS.option())),
                SchemaChangePolicy.of(connection), Boolean.parseBoolean(connection.getOrDefault(COMPRESS, "true")));
    }

    /**
     * The driver's URL: no database in it, because every statement names its database (which may
     * not exist yet when the sink first connects).
     */
    String jdbcUrl() {
        return "jdbc:clickhouse:" + url + "/";
    }

    /** Credentials, compression, and inserts acknowledged only once written (also under async_insert). */
    Properties jdbcProperties() {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("compress", Boolean.toString(compress));
        properties.setProperty("clickhouse_setting_wait_for_async_insert", "1");
        return properties;
    }

    @Override
    public String toString() {
        return "ClickHouseSinkOptions[url=" + url + ", database=" + database + ", user=" + user
                + ", password=" + (password.isEmpty() ? "" : "******") + ", schemaEvolution=" + schemaEvolution.option()
                + ", schemaChanges=" + schemaChanges.option() + ", compress=" + compress + "]";
    }

    private static void checkUrl(String url, List<SinkProblem> problems) {
        if (url == null || url.isBlank()) {
            problems.add(problem(URL, "is required, e.g. http://localhost:8123"));
            return;
        }
        try {
            URI uri = new URI(url);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                problems.add(problem(URL, "must be an http or https URL (ClickHouse's HTTP interface), not '" + url + "'"));
            } else if (uri.getHost() == null) {
                problems.add(problem(URL, "has no host: '" + url + "'"));
            } else if (uri.getRawUserInfo() != null) {
                // Credentials in a URL end up in logs; the URL is not masked.
                problems.add(problem(URL, "must not carry credentials; set connection.user and connection.password"));
            } else if ((uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                problems.add(problem(URL, "must be just http(s)://host:port (the database is connection.database)"));
            }
        } catch (URISyntaxException e) {
            problems.add(problem(URL, "is not a valid URL: " + e.getReason()));
        }
    }

    private static SinkProblem problem(String key, String message) {
        return new SinkProblem("connection." + key, message);
    }
}
