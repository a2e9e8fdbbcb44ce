package dev.attache.server.faults;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Objects;

import org.eclipse.jetty.server.Handler;

import dev.attache.server.blob.BlobStore;
import dev.attache.server.db.Jdbc;
import dev.attache.server.http.Json;
import dev.attache.server.ids.GidGenerator;
import io.javalin.config.JavalinConfig;

/**
 * What tests may do to a server that real clients never can: inject {@link Fault}s, move the clock
 * forward and put the data back as it was at start. Off unless a {@code ServerConfig} carries one.
 * In process, tests call the methods; from other languages, the same controls are HTTP routes under
 * {@code /_test}, guarded by {@link #controlToken()}. Thread-safe.
 *
 * <pre>{@code
 * TestControls controls = TestControls.create(Clock.systemUTC());
 * App app = App.start(ServerConfig.builder(dir).forTests().testControls(controls).build());
 * controls.faults().add("POST /attachments", 1, Fault.rateLimited(Duration.ofSeconds(2)));
 * controls.clock().advance(Duration.ofHours(1));
 * }</pre>
 */
public final class TestControls {

    private final FaultPlan faults = new FaultPlan();
    private final ShiftableClock clock;
    private final String controlToken;
    private volatile DataReset dataReset;

    private TestControls(ShiftableClock clock, String controlToken) {
        this.clock = clock;
        this.controlToken = controlToken;
    }

    /** Controls over a server whose time is {@code base} until a test advances it; with a fresh random control token. */
    public static TestControls create(Clock base) {
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        return new TestControls(new ShiftableClock(base), "tc_" + HexFormat.of().formatHex(secret));
    }

    /** The faults waiting to happen. */
    public FaultPlan faults() {
        return faults;
    }

    /** The server's clock; give it to the server as its clock. */
    public ShiftableClock clock() {
        return clock;
    }

    /** The bearer token the {@code /_test} routes require. */
    public String controlToken() {
        return controlToken;
    }

    /**
     * Clears the faults, sets the clock back to real time and removes everything created since start.
     *
     * @throws IllegalStateException before a server has installed these controls
     */
    public void reset() {
        DataReset reset = dataReset;
        if (reset == null) {
            throw new IllegalStateException("no server has installed these test controls yet");
        }
        faults.clear();
        clock.reset();
        reset.reset();
    }

    /**
     * Registers the {@code /_test} routes on a server being configured. Called once by the composition
     * root, after start-up seeding, so the data present now is what {@link #reset()} returns to.
     */
    public void install(JavalinConfig config, Json json, Jdbc jdbc, BlobStore blobs, GidGenerator gids) {
        dataReset = new DataReset(jdbc, blobs, gids.next(), clock);
        new ControlRoutes(this, json).register(config);
    }

    /**
     * The handler that applies {@link #faults()}; the composition root puts it in front of every route,
     * the direct ones included, and only when these controls are on.
     */
    public Handler.Wrapper faultHandler(Json json) {
        return new FaultHandler(faults, json);
    }

    boolean acceptsToken(String presented) {
        Objects.requireNonNull(presented, "presented");
        return MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), controlToken.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "TestControls[faults=" + faults.pending().size() + ", clockOffset=" + clock.offset() + "]";
    }
}
