package dev.attache.server.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The metadata database: a pooled {@link DataSource} plus the schema migrations. SQLite by default;
 * the SQL under {@code db/migration} stays portable so a PostgreSQL URL can take its place.
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource dataSource;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Opens (creating if needed) the SQLite database in a data directory: WAL so readers never wait
     * for the writer, {@code synchronous=FULL} so a committed row survives power loss, foreign keys on.
     */
    public static Database sqlite(Path dataDir) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("attache-sqlite");
        config.setJdbcUrl("jdbc:sqlite:" + dataDir.resolve("attache.db").toAbsolutePath());
        config.addDataSourceProperty("journal_mode", "WAL");
        config.addDataSourceProperty("synchronous", "FULL");
        config.addDataSourceProperty("foreign_keys", "true");
        config.addDataSourceProperty("busy_timeout", "10000");
        // SQLite has one writer at a time; a handful of connections serve concurrent readers.
        config.setMaximumPoolSize(8);
        config.setConnectionTimeout(10_000);
        return new Database(new HikariDataSource(config));
    }

    /** Brings the schema to the latest version. Run once, before the server takes requests. */
    public void migrate() {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Whether the database answers a trivial query. */
    public boolean isHealthy() {
        try (Connection c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
