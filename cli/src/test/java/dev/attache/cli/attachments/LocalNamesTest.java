package dev.attache.cli.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.attache.client.Attachment;
import dev.attache.client.AttachmentGid;

class LocalNamesTest {

    private static final AttachmentGid GID = AttachmentGid.of("42");

    @Test
    void pathSeparatorsBecomeUnderscores() {
        assertThat(LocalNames.of("../etc/passwd", GID)).isEqualTo(".._etc_passwd");
    }

    @Test
    void dotDotAloneBecomesTheGidName() {
        assertThat(LocalNames.of("..", GID)).isEqualTo("attachment-42");
    }

    @Test
    void windowsReservedCharactersAndControlCharactersBecomeUnderscores() {
        assertThat(LocalNames.of("a:b*c?\u0007.txt", GID)).isEqualTo("a_b_c__.txt");
    }

    @Test
    void windowsDeviceNamesGetAPrefix() {
        assertThat(LocalNames.of("CON.txt", GID)).isEqualTo("_CON.txt");
    }

    @Test
    void overlongNamesAreCutKeepingTheExtension() {
        String name = LocalNames.of("é".repeat(300) + ".pdf", GID);

        assertThat(name).endsWith(".pdf");
        assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(250);
    }

    @Test
    void aMissingNameBecomesTheGidName() {
        assertThat(LocalNames.of(null, GID)).isEqualTo("attachment-42");
    }

    @Test
    void aRepeatedNameGetsTheLaterAttachmentsGidBeforeTheExtension() {
        List<Attachment> two = List.of(named("1", "report.pdf"), named("2", "Report.PDF"));

        assertThat(LocalNames.distinct(two).values()).containsExactly("report.pdf", "Report (2).PDF");
    }

    private static Attachment named(String gid, String name) {
        return new Attachment(AttachmentGid.of(gid), null, name, null, null, null, null, null, null, null, null, null);
    }
}
