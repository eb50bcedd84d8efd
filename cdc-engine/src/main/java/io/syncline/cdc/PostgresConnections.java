package io.syncline.cdc;

import io.syncline.config.PostgresSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Plain JDBC connections to the source, for the catalog and the preflight. */
public final class PostgresConnections {
    private PostgresConnections() {
    }

    public static Connection open(PostgresSpec postgres) throws SQLException {
        String url = "jdbc:postgresql://" + postgres.host() + ":" + postgres.port() + "/" + postgres.database();
        String password = postgres.password() == null ? null : postgres.password().value();
        return DriverManager.getConnection(url, postgres.user(), password);
    }
}
