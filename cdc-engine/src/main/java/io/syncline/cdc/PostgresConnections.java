package io.syncline.cdc;

import io.syncline.config.PostgresSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Plain JDBC connections to the source, for the catalog, the preflight and the row reader. */
public final class PostgresConnections {
    private PostgresConnections() {
    }

    public static Connection open(PostgresSpec postgres) throws SQLException {
        return open(postgres, new Properties());
    }

    /** With PgJDBC connection {@code properties} besides the user and password. */
    public static Connection open(PostgresSpec postgres, Properties properties) throws SQLException {
        String url = "jdbc:postgresql://" + postgres.host() + ":" + postgres.port() + "/" + postgres.database();
        Properties all = new Properties();
        all.putAll(properties);
        all.setProperty("user", postgres.user());
        if (postgres.password() != null && postgres.password().value() != null) {
            all.setProperty("password", postgres.password().value());
        }
        return DriverManager.getConnection(url, all);
    }
}
