package dev.attache.client.testing;

import dev.attache.client.AttachmentsApi;
import dev.attache.client.AttachmentsApiBuilder;
import dev.attache.client.BuilderSeams;
import dev.attache.client.RetryPolicy;
import java.io.IOException;
import java.time.Duration;

/** A scripted server plus a client wired to it with a test clock and a recording sleeper. */
public final class Fixture implements AutoCloseable {

    public static final String TOKEN = "2/1000/2000:0123456789abcdef0123456789abcdef";

    public final ScriptedServer server = new ScriptedServer();
    public final TestClock clock = new TestClock();
    public final RecordingSleeper sleeper = new RecordingSleeper(clock);

    public AttachmentsApiBuilder builder() {
        return BuilderSeams.clockAndJitter(AttachmentsApi.builder(), clock, () -> 0.5)
                .baseUri(server.apiBase())
                .token(TOKEN)
                .sleeper(sleeper)
                .retry(new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofMinutes(2)));
    }

    private final java.util.List<AttachmentsApi> built = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** A client closed with the fixture. */
    public AttachmentsApi api() {
        AttachmentsApi api = builder().build();
        built.add(api);
        return api;
    }

    @Override
    public void close() throws IOException {
        built.forEach(AttachmentsApi::close);
        server.close();
    }

    /** A full attachment record as the API returns it. */
    public static String attachmentJson(String gid, String name) {
        return "{\"gid\":\"" + gid + "\",\"resource_type\":\"attachment\",\"name\":\"" + name + "\","
                + "\"resource_subtype\":\"asana\",\"created_at\":\"2026-01-30T07:02:11.454Z\","
                + "\"download_url\":\"http://127.0.0.1:1/dl/" + gid + "\",\"view_url\":\"http://127.0.0.1:1/dl/" + gid + "\","
                + "\"permanent_url\":\"http://127.0.0.1:1/app/asana/-/get_asset?asset_id=" + gid + "\","
                + "\"host\":\"asana\",\"parent\":{\"gid\":\"42\",\"resource_type\":\"task\",\"name\":\"t\","
                + "\"resource_subtype\":\"default_task\"}}";
    }
}
