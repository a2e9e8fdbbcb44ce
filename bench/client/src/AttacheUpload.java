import dev.attache.client.Attachment;
import dev.attache.client.AttachmentsApi;
import dev.attache.client.Field;
import dev.attache.client.Fields;
import dev.attache.client.ParentGid;
import dev.attache.client.Upload;
import java.net.URI;
import java.nio.file.Path;

/**
 * Uploads a file UPLOADS times (default 1) in a row with one Attaché client and prints
 * {@code <gid> <seconds>} per upload. The time covers the request only (from the call to the
 * completed future), like curl's {@code time_total}; JVM start-up is not in it. The first upload
 * shows a fresh JVM (a command-line tool), later ones a warmed-up JVM (a long-running service).
 * Run in a JVM of its own so its peak RSS belongs to these uploads alone.
 *
 * <p>{@code java AttacheUpload API_BASE TOKEN TASK_GID FILE [UPLOADS]}
 */
final class AttacheUpload {

    private AttacheUpload() {
    }

    public static void main(String[] args) {
        AttachmentsApi api = AttachmentsApi.builder()
                .baseUri(URI.create(args[0]))
                .token(args[1])
                .build();
        ParentGid task = ParentGid.of(args[2]);
        Path file = Path.of(args[3]);
        int uploads = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        for (int i = 0; i < uploads; i++) {
            long start = System.nanoTime();
            Attachment a = api.createAttachmentForObject(task, Upload.file(file), Fields.of(Field.NAME)).join();
            long elapsed = System.nanoTime() - start;
            System.out.printf("%s %.6f%n", a.gid().value(), elapsed / 1e9);
        }
    }
}
