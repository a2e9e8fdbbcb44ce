package dev.attache.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.attache.server.ServerConfig;
import dev.attache.server.ratelimit.RateLimits;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The defaults of {@code attache serve}'s tuning options, read from {@link ServerConfig}'s builder
 * and {@link RateLimits#ASANA_PAID_PLAN} rather than written out again, so the command and the
 * library cannot drift apart; each option's environment variable ({@code --idle-timeout} reads
 * {@code ATTACHE_IDLE_TIMEOUT}) wins over the default. Options it does not list keep the default
 * of their annotation.
 */
final class ServeDefaults implements IDefaultValueProvider {

    private final Map<String, String> defaults;
    private final Function<String, @Nullable String> environment;

    /** The defaults, with the process's environment. */
    ServeDefaults() {
        this(System::getenv);
    }

    /**
     * The defaults, with {@code environment} standing in for the process's.
     *
     * @param environment a variable's value by name, or null when unset
     */
    ServeDefaults(Function<String, @Nullable String> environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.defaults = fromConfig(ServerConfig.defaults(Path.of("attache-data")));
    }

    private static Map<String, String> fromConfig(ServerConfig config) {
        RateLimits limits = config.rateLimits();
        return Map.ofEntries(
                Map.entry("--port", Integer.toString(config.port())),
                Map.entry("--bind", config.bindAddress()),
                Map.entry("--rate-limits", Boolean.toString(limits.enabled())),
                Map.entry("--requests-per-minute", Integer.toString(limits.requestsPerMinute())),
                Map.entry("--concurrent-reads", Integer.toString(limits.concurrentReads())),
                Map.entry("--concurrent-writes", Integer.toString(limits.concurrentWrites())),
                Map.entry("--download-url-ttl", duration(config.downloadUrlTtl())),
                Map.entry("--offset-ttl", duration(config.offsetTokenTtl())),
                Map.entry("--idle-timeout", duration(config.idleTimeout())),
                Map.entry("--min-request-rate", Long.toString(config.minRequestDataRate())),
                Map.entry("--max-uploads-in-flight", Integer.toString(config.maxUploadsInFlight())),
                Map.entry("--oauth-token-ttl", duration(config.oauthAccessTokenTtl())),
                Map.entry("--shutdown-grace", duration(config.shutdownGrace())));
    }

    @Override
    public @Nullable String defaultValue(ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec option)) {
            return null;
        }
        String name = option.longestName();
        String fallback = defaults.get(name);
        if (fallback == null) {
            return null;
        }
        String fromEnvironment = environment.apply(variable(name));
        return fromEnvironment == null || fromEnvironment.isEmpty() ? fallback : fromEnvironment;
    }

    /** {@code --idle-timeout} reads {@code ATTACHE_IDLE_TIMEOUT}, as every serve option does. */
    static String variable(String optionName) {
        return "ATTACHE_" + optionName.substring(2).replace('-', '_').toUpperCase(Locale.ROOT);
    }

    /** A duration as {@link DurationConverter} reads it and a person writes it: {@code 30m}, not {@code PT30M}. */
    static String duration(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        if (d.toSecondsPart() == 0 && d.toNanosPart() == 0 && d.toMinutesPart() == 0) {
            return d.toHours() + "h";
        }
        if (d.toSecondsPart() == 0 && d.toNanosPart() == 0) {
            return d.toMinutes() + "m";
        }
        if (d.toNanosPart() == 0) {
            return d.getSeconds() + "s";
        }
        return d.toString();
    }
}
