package dev.attache.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.attache.server.ServerConfig;

class RateLimitsTest {

    @Test
    void defaultConfigurationUsesAsanasPaidPlanFigures() {
        RateLimits limits = ServerConfig.defaults(Path.of("unused")).rateLimits();

        assertThat(limits).isEqualTo(new RateLimits(true, 1500, 50, 15));
    }

    @Test
    void zeroConcurrentWritesIsRefused() {
        assertThatThrownBy(() -> new RateLimits(true, 10, 10, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
