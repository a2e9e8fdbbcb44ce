package dev.attache.server.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RoutePatternTest {

    @Test
    void anApiRouteIsWrittenWithoutThePrefix() {
        assertThat(RoutePattern.parse("POST /attachments").matches("POST", "/api/1.0/attachments")).isTrue();
    }

    @Test
    void theMethodMustMatch() {
        assertThat(RoutePattern.parse("POST /attachments").matches("GET", "/api/1.0/attachments")).isFalse();
    }

    @Test
    void noMethodMeansAnyMethod() {
        assertThat(RoutePattern.parse("/attachments").matches("DELETE", "/api/1.0/attachments")).isTrue();
    }

    @Test
    void aBracedSegmentMatchesAnyOneSegment() {
        RoutePattern pattern = RoutePattern.parse("GET /attachments/{attachment_gid}");

        assertThat(pattern.matches("GET", "/api/1.0/attachments/123")).isTrue();
        assertThat(pattern.matches("GET", "/api/1.0/attachments")).isFalse();
        assertThat(pattern.matches("GET", "/api/1.0/attachments/123/more")).isFalse();
    }

    @Test
    void aPathOutsideTheApiMatchesWrittenInFull() {
        assertThat(RoutePattern.parse("GET /download/{attachment_gid}").matches("GET", "/download/99")).isTrue();
    }

    @Test
    void aRouteWithoutLeadingSlashIsRefusedNamingIt() {
        assertThatThrownBy(() -> RoutePattern.parse("POST attachments"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("POST attachments");
    }
}
