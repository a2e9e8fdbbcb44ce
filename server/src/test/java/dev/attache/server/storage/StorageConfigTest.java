package dev.attache.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.attache.server.db.PostgresUrl;

class StorageConfigTest {

    private static final Path DIR = Path.of("data");
    private static final PostgresUrl DATABASE = PostgresUrl.parse("postgresql://attache:s3cret@db/attache");

    @Test
    void aBlobStoreWithoutADatabaseIsRefusedNamingTheCombinationsThatWork() {
        assertThatThrownBy(() -> config(null, URI.create("s3://bucket")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--blob-store s3://bucket needs --database")
                .hasMessageContaining("Allowed: neither (embedded), --database alone");
    }

    @Test
    void aBlobStoreOtherThanS3IsRefused() {
        assertThatThrownBy(() -> config(DATABASE, URI.create("gs://bucket")))
                .hasMessageContaining("give s3://BUCKET[/PREFIX]");
    }

    @Test
    void aDatabaseMakesAClusterWithOrWithoutABlobStore() {
        assertThat(config(null, null).isCluster()).isFalse();
        assertThat(config(DATABASE, null).isCluster()).isTrue();
        assertThat(config(DATABASE, URI.create("s3://bucket/prefix")).isCluster()).isTrue();
    }

    @Test
    void theDescriptionNamesTheStoresButNotThePassword() {
        String described = config(DATABASE, URI.create("s3://bucket/prefix")).describe();

        assertThat(described).contains("PostgreSQL", "db/attache", "s3://bucket/prefix").doesNotContain("s3cret");
    }

    private static StorageConfig config(PostgresUrl database, URI blobStore) {
        return new StorageConfig(DIR, database, blobStore, null, null, StorageConfig.DEFAULT_ORPHAN_GRACE,
                StorageConfig.DEFAULT_SWEEP_EVERY);
    }
}
