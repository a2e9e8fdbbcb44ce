package dev.attache.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Which failures mean the database could not be reached (a 503), as opposed to a statement it refused (a 500). */
class DialectUnavailableTest {

    @ParameterizedTest
    @ValueSource(strings = {"08001", "08003", "08006", "57P01", "57P02", "57P03", "53300"})
    void postgresConnectionAndShutdownStatesMeanUnavailable(String state) {
        assertThat(Dialect.isUnavailable(new SQLException("x", state))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"23505", "23503", "42P01", "22001", "40001"})
    void statementErrorsDoNotMeanUnavailable(String state) {
        assertThat(Dialect.isUnavailable(new SQLException("x", state))).isFalse();
    }

    @Test
    void thePoolFindingNoConnectionInTimeMeansUnavailable() {
        // HikariCP's timeout carries the cause's state, often none.
        assertThat(Dialect.isUnavailable(new SQLTransientConnectionException("Connection is not available, request timed out"))).isTrue();
    }

    @Test
    void aConnectionFailureFoundAmongTheCausesMeansUnavailable() {
        SQLException wrapped = new SQLException("rollback failed", null, new SQLException("I/O error", "08006"));
        assertThat(Dialect.isUnavailable(wrapped)).isTrue();
    }

    @Test
    void sqliteBusyPastItsTimeoutMeansUnavailable() {
        assertThat(Dialect.isUnavailable(new SQLiteException("database is locked", SQLiteErrorCode.SQLITE_BUSY))).isTrue();
    }

    @Test
    void sqliteConstraintDoesNotMeanUnavailable() {
        assertThat(Dialect.isUnavailable(new SQLiteException("UNIQUE constraint failed", SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE))).isFalse();
    }
}
