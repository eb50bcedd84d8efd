package io.syncline.cli.init;

import io.syncline.cdc.PostgresConnections;
import io.syncline.config.PostgresSpec;
import io.syncline.config.Secret;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PostgreSQL database {@code syncline init} reads, and the defaults the file it writes falls back
 * to: each value from its option, else libpq's environment variable, else libpq's default. The
 * password is only ever read from {@code PGPASSWORD}.
 */
record SourceConnection(String host, int port, String database, String user) {

    static SourceConnection resolve(String host, Integer port, String database, String user,
            Map<String, String> environment) throws InitFailure {
        String givenHost = orEnv(host, environment, "PGHOST", "localhost");
        String givenUser = orEnv(user, environment, "PGUSER", System.getProperty("user.name"));
        String givenDatabase = orEnv(database, environment, "PGDATABASE", givenUser);
        int givenPort;
        try {
            givenPort = port != null ? port : Integer.parseInt(orEnv(null, environment, "PGPORT", "5432").trim());
        } catch (NumberFormatException e) {
            throw InitFailure.usage("PGPORT is not a port number: '" + environment.get("PGPORT") + "'");
        }
        if (givenPort < 1 || givenPort > 65535) {
            throw InitFailure.usage("port " + givenPort + " is not between 1 and 65535");
        }
        return new SourceConnection(givenHost, givenPort, givenDatabase, givenUser);
    }

    /** Opens it; a server that cannot be reached, or refuses the login, is an {@link InitFailure}. */
    Connection open(Map<String, String> environment) throws SQLException, InitFailure {
        try {
            return PostgresConnections.open(new PostgresSpec(host, port, database, user,
                    new Secret(environment.getOrDefault("PGPASSWORD", ""))));
        } catch (SQLException e) {
            // 08 connection exception, 28 invalid authorization, 3D no such database
            String state = e.getSQLState() == null ? "08" : e.getSQLState();
            if (state.startsWith("08") || state.startsWith("28") || state.startsWith("3D")) {
                throw InitFailure.unavailable("cannot connect to PostgreSQL at " + host + ":" + port
                        + ", database " + database + ", as user " + user + ": " + e.getMessage()
                        + " (set --host/--port/--database/--user or PGHOST/PGPORT/PGDATABASE/PGUSER, and PGPASSWORD)");
            }
            throw e;
        }
    }

    PipelineTemplate.Source template() {
        return new PipelineTemplate.Source(host, port, database, user);
    }

    /**
     * Libpq variables set here to something else than what init used: the file prefers them, so
     * {@code run} in this environment would connect elsewhere.
     */
    List<String> overriddenIn(Map<String, String> environment) {
        List<String> warnings = new ArrayList<>();
        variables().forEach((variable, value) -> {
            String set = environment.get(variable);
            if (set != null && !set.isEmpty() && !set.equals(value)) {
                warnings.add(variable + " is set to '" + set + "' here: the file uses $" + variable
                        + " when it is set, so `run` in this environment would use it, not '" + value + "'");
            }
        });
        return warnings;
    }

    /** The environment without the libpq variables: the self-check reads what was asked for, the file's defaults. */
    Map<String, String> withoutVariables(Map<String, String> environment) {
        Map<String, String> without = new HashMap<>(environment);
        without.keySet().removeAll(variables().keySet());
        return without;
    }

    private Map<String, String> variables() {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("PGHOST", host);
        variables.put("PGPORT", Integer.toString(port));
        variables.put("PGDATABASE", database);
        variables.put("PGUSER", user);
        return variables;
    }

    private static String orEnv(String given, Map<String, String> environment, String variable, String fallback) {
        if (given != null) {
            return given;
        }
        String value = environment.get(variable);
        return value == null || value.isEmpty() ? fallback : value;
    }
}
