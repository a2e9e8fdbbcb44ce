package dev.attache.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PostgresUrlTest {

    @Test
    void userPasswordHostPortAndDatabaseAreTakenApart() {
        PostgresUrl url = PostgresUrl.parse("postgresql://attache:s3cret@db.example.com:6543/attache?sslmode=require");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:6543/attache?sslmode=require");
        assertThat(url.user()).isEqualTo("attache");
        assertThat(url.password()).isEqualTo("s3cret");
    }

    @Test
    void aPercentEncodedPasswordIsDecoded() {
        assertThat(PostgresUrl.parse("postgres://u:p%40ss%2Fw+rd@h/d").password()).isEqualTo("p@ss/w+rd");
    }

    @Test
    void aJdbcUrlIsUsedAsGiven() {
        PostgresUrl url = PostgresUrl.parse("jdbc:postgresql://h:5432/d?user=u&password=p");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/d?user=u&password=p");
        assertThat(url.user()).isNull();
    }

    @Test
    void neitherToStringNorTheRedactedFormShowsThePassword() {
        assertThat(PostgresUrl.parse("postgresql://u:s3cret@h/d").toString()).doesNotContain("s3cret").contains("user u");
        assertThat(PostgresUrl.parse("jdbc:postgresql://h/d?user=u&password=s3cret&ssl=true").redacted())
                .doesNotContain("s3cret").contains("password=***&ssl=true");
    }

    @Test
    void anUrlOfAnotherKindIsRefusedWithTheExpectedFormsAndWithoutItsPassword() {
        assertThatThrownBy(() -> PostgresUrl.parse("mysql://u:s3cret@h/d"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("postgresql://USER[:PASSWORD]@HOST[:PORT]/DB")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void anUrlWithoutADatabaseIsRefused() {
        assertThatThrownBy(() -> PostgresUrl.parse("postgresql://u:s3cret@h/"))
                .hasMessageContaining("names no database")
                .hasMessageNotContaining("s3cret");
    }
}
