package dev.attache.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attache.client.internal.JsonCodec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JsonDecodingTest {

    private final JsonCodec json = new JsonCodec();

    private Attachment attachment(String data) {
        return json.readData(("{\"data\":" + data + "}").getBytes(StandardCharsets.UTF_8), Attachment.class);
    }

    @Test
    void fullRecordDecodesEveryField() {
        Attachment a = attachment("{\"gid\":\"7\",\"resource_type\":\"attachment\",\"name\":\"a.png\","
                + "\"resource_subtype\":\"asana\",\"created_at\":\"2026-01-30T07:02:11.454Z\","
                + "\"download_url\":\"https://s3.example/a?sig=1\",\"view_url\":\"https://x/v\","
                + "\"permanent_url\":\"https://x/app/asana/-/get_asset?asset_id=7\",\"host\":\"asana\","
                + "\"parent\":{\"gid\":\"42\",\"resource_type\":\"task\",\"name\":\"t\",\"resource_subtype\":\"default_task\","
                + "\"created_by\":{\"gid\":\"9\",\"resource_type\":\"user\"}},\"size\":12345,\"connected_to_app\":false}");

        assertThat(a).isEqualTo(new Attachment(AttachmentGid.of("7"), "attachment", "a.png", ResourceSubtype.ASANA,
                Instant.parse("2026-01-30T07:02:11.454Z"), URI.create("https://s3.example/a?sig=1"),
                URI.create("https://x/v"), URI.create("https://x/app/asana/-/get_asset?asset_id=7"),
                ResourceSubtype.ASANA,
                new Parent(ParentGid.of("42"), "task", "t", "default_task", new UserCompact("9", "user")),
                12345L, false));
    }

    @Test
    void unknownFieldsAreIgnored() {
        Attachment a = attachment("{\"gid\":\"7\",\"name\":\"a\",\"brand_new_field\":{\"x\":[1,2]}}");

        assertThat(a.name()).isEqualTo("a");
    }

    @Test
    void unknownSubtypeKeepsItsRawValue() {
        Attachment a = attachment("{\"gid\":\"7\",\"resource_subtype\":\"dropbox\",\"host\":\"dropbox\"}");

        assertThat(a.resourceSubtype()).isEqualTo(new ResourceSubtype("dropbox"));
        assertThat(a.resourceSubtype().isUploadable()).isFalse();
    }

    @Test
    void explicitNullsAndAbsentFieldsBecomeNull() {
        Attachment a = attachment("{\"gid\":\"7\",\"permanent_url\":null,\"parent\":{\"gid\":\"1\",\"resource_subtype\":null}}");

        assertThat(a.permanentUrl()).isNull();
        assertThat(a.size()).isNull();
        assertThat(a.parent().resourceSubtype()).isNull();
    }

    @Test
    void listDecodesItemsAndNextPage() {
        Page<Attachment> page = json.readPage(("{\"data\":[{\"gid\":\"1\",\"name\":\"a\"},{\"gid\":\"2\",\"name\":\"b\"}],"
                + "\"next_page\":{\"offset\":\"tok\",\"path\":\"/attachments?parent=4&limit=2&offset=tok\","
                + "\"uri\":\"http://h/api/1.0/attachments?parent=4&limit=2&offset=tok\"}}").getBytes(StandardCharsets.UTF_8),
                Attachment.class);

        assertThat(page.items()).extracting(Attachment::name).containsExactly("a", "b");
        assertThat(page.next()).map(NextPage::offset).contains("tok");
        assertThat(page.hasNext()).isTrue();
    }

    @Test
    void lastPageHasNoNext() {
        Page<Attachment> page = json.readPage("{\"data\":[],\"next_page\":null}".getBytes(StandardCharsets.UTF_8),
                Attachment.class);

        assertThat(page.next()).isEmpty();
        assertThat(page.hasNext()).isFalse();
    }
}
