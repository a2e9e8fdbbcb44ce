package dev.attache.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** How the blob-store, s3-endpoint and s3-region settings and the call bounds are read, and how a bad one is reported. */
class S3SettingsTest {

    @Test
    void bucketAloneHasAnEmptyPrefix() {
        assertThat(S3Location.parse("s3://attachments")).isEqualTo(new S3Location("attachments", ""));
    }

    @Test
    void bucketWithTrailingSlashHasAnEmptyPrefix() {
        assertThat(S3Location.parse("s3://attachments/")).isEqualTo(new S3Location("attachments", ""));
    }

    @Test
    void prefixGainsATrailingSlash() {
        assertThat(S3Location.parse("s3://attachments/prod/eu")).isEqualTo(new S3Location("attachments", "prod/eu/"));
    }

    @Test
    void prefixWithTrailingSlashIsKeptAsIs() {
        assertThat(S3Location.parse("s3://attachments/prod/")).isEqualTo(new S3Location("attachments", "prod/"));
    }

    @Test
    void blobKeysAreStoredUnderThePrefix() {
        assertThat(S3Location.parse("s3://b-1/team").objectKey("0123456789abcdef0123456789abcdef"))
                .isEqualTo("team/0123456789abcdef0123456789abcdef");
    }

    @Test
    void otherSchemeIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> S3Location.parse("https://attachments.s3.amazonaws.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("blob-store: expected s3://BUCKET[/PREFIX]");
    }

    @Test
    void missingBucketIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> S3Location.parse("s3:///prefix"))
                .hasMessageStartingWith("blob-store:").hasMessageContaining("bucket is missing");
    }

    @Test
    void uppercaseBucketIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> S3Location.parse("s3://Attachments"))
                .hasMessageStartingWith("blob-store:").hasMessageContaining("\"Attachments\"");
    }

    @Test
    void bucketWithAPortOrCredentialsIsRefused() {
        assertThatThrownBy(() -> S3Location.parse("s3://key:secret@bucket"))
                .hasMessageStartingWith("blob-store:");
    }

    @Test
    void emptyPrefixSegmentIsRefused() {
        assertThatThrownBy(() -> S3Location.parse("s3://attachments/a//b"))
                .hasMessageStartingWith("blob-store:").hasMessageContaining("segment");
    }

    @Test
    void dotDotPrefixSegmentIsRefused() {
        assertThatThrownBy(() -> S3Location.parse("s3://attachments/a/../b"))
                .hasMessageStartingWith("blob-store:").hasMessageContaining("segment");
    }

    @Test
    void queryInPrefixIsRefused() {
        assertThatThrownBy(() -> S3Location.parse("s3://attachments/a?versionId=1"))
                .hasMessageStartingWith("blob-store:");
    }

    @Test
    void regionSettingWinsOverTheEnvironment() {
        S3Settings s = S3Settings.resolve("s3://b-1", null, "eu-west-1", Map.of("AWS_REGION", "us-west-2"));

        assertThat(s.region()).isEqualTo("eu-west-1");
    }

    @Test
    void awsRegionFromTheEnvironmentIsUsedWithoutASetting() {
        S3Settings s = S3Settings.resolve("s3://b-1", null, null, Map.of("AWS_REGION", "us-west-2"));

        assertThat(s.region()).isEqualTo("us-west-2");
    }

    @Test
    void regionDefaultsToUsEast1() {
        assertThat(S3Settings.resolve("s3://b-1", null, " ", Map.of()).region()).isEqualTo("us-east-1");
    }

    @Test
    void malformedRegionIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> S3Settings.resolve("s3://b-1", null, "eu west", Map.of()))
                .hasMessageStartingWith("s3-region:");
    }

    @Test
    void writesAreBoundedByDefaultBelowWhatClientsCommonlyWait() {
        assertThat(S3Settings.resolve("s3://b-1", null, null, Map.of()).writeCallTimeout())
                .isEqualTo(S3Settings.DEFAULT_WRITE_CALL_TIMEOUT).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void zeroWriteCallTimeoutIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> S3Settings.resolve("s3://b-1", null, null, Map.of()).withWriteCallTimeout(Duration.ZERO))
                .hasMessageStartingWith("writeCallTimeout must be positive");
    }

    @Test
    void readsAreBoundedByDefaultBelowTheWriteBound() {
        assertThat(S3Settings.resolve("s3://b-1", null, null, Map.of()).readCallTimeout())
                .isEqualTo(S3Settings.DEFAULT_READ_CALL_TIMEOUT).isLessThan(S3Settings.DEFAULT_WRITE_CALL_TIMEOUT);
    }

    @Test
    void zeroReadCallTimeoutIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> S3Settings.resolve("s3://b-1", null, null, Map.of()).withReadCallTimeout(Duration.ZERO))
                .hasMessageStartingWith("readCallTimeout must be between 1ms and");
    }

    /** It becomes a socket timeout in whole milliseconds, where 0 would mean no bound at all. */
    @Test
    void readCallTimeoutBelowOneMillisecondIsRefused() {
        assertThatThrownBy(() -> S3Settings.resolve("s3://b-1", null, null, Map.of()).withReadCallTimeout(Duration.ofNanos(999_999)))
                .hasMessageStartingWith("readCallTimeout must be between 1ms and");
    }

    @Test
    void readCallTimeoutIsKeptByTheOtherWithers() {
        S3Settings s = S3Settings.resolve("s3://b-1", null, null, Map.of()).withReadCallTimeout(Duration.ofSeconds(3));

        assertThat(s.withWriteCallTimeout(Duration.ofSeconds(7)).withPartSize(S3Settings.MIN_PART_SIZE).readCallTimeout())
                .isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void noEndpointMeansAws() {
        assertThat(S3Settings.resolve("s3://b-1", null, null, Map.of()).endpoint()).isNull();
    }

    @Test
    void endpointIsKept() {
        assertThat(S3Settings.resolve("s3://b-1", "http://127.0.0.1:9000", null, Map.of()).endpoint())
                .isEqualTo(URI.create("http://127.0.0.1:9000"));
    }

    @Test
    void endpointWithoutHttpSchemeIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> S3Settings.resolve("s3://b-1", "127.0.0.1:9000", null, Map.of()))
                .hasMessageStartingWith("s3-endpoint:");
    }

    @Test
    void endpointWithAPathIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> S3Settings.resolve("s3://b-1", "http://minio:9000/bucket", null, Map.of()))
                .hasMessageStartingWith("s3-endpoint:");
    }

    @Test
    void endpointWithCredentialsIsRefusedWithoutEchoingThem() {
        assertThatThrownBy(() -> S3Settings.resolve("s3://b-1", "http://key:hunter2@minio:9000", null, Map.of()))
                .hasMessageStartingWith("s3-endpoint:").hasMessageNotContaining("hunter2");
    }

    @Test
    void unparsableEndpointIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> S3Settings.resolve("s3://b-1", "http://key:hunter2@minio:9000/a b", null, Map.of()))
                .hasMessageStartingWith("s3-endpoint:").hasMessageNotContaining("hunter2");
    }

    @Test
    void partSizeBelowWhatS3AcceptsIsRefused() {
        S3Settings s = S3Settings.resolve("s3://b-1", null, null, Map.of());

        assertThatThrownBy(() -> s.withPartSize(1 << 20)).hasMessageContaining("partSize");
    }

    @Test
    void noPartsInFlightIsRefused() {
        S3Settings s = S3Settings.resolve("s3://b-1", null, null, Map.of());

        assertThatThrownBy(() -> s.withPartsInFlight(0)).hasMessageContaining("partsInFlight");
    }
}
