import com.asana.Client;
import com.asana.models.Attachment;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Uploads a file UPLOADS times (default 1) in a row with Asana's official Java client
 * ({@code com.asana:asana:1.0.0}, default options but the base URL) and prints
 * {@code <gid> <seconds>} per upload, timed like {@link AttacheUpload}. An
 * {@link OutOfMemoryError} is reported on stdout as {@code OOM <message>} with exit status 3, so
 * the caller can try a larger heap.
 *
 * <p>{@code java AsanaUpload API_BASE TOKEN TASK_GID FILE [UPLOADS]}
 */
final class AsanaUpload {

    private AsanaUpload() {
    }

    public static void main(String[] args) throws Exception {
        Client client = Client.accessToken(args[1]);
        client.options.put("base_url", args[0]);
        Path file = Path.of(args[3]);
        int uploads = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        for (int i = 0; i < uploads; i++) {
            long start = System.nanoTime();
            try (InputStream in = Files.newInputStream(file)) {
                Attachment a = client.attachments
                        .createOnTask(args[2], in, file.getFileName().toString(), "application/octet-stream")
                        .execute();
                long elapsed = System.nanoTime() - start;
                System.out.printf("%s %.6f%n", a.gid, elapsed / 1e9);
            } catch (OutOfMemoryError e) {
                System.out.println("OOM " + e.getMessage());
                System.exit(3);
            }
        }
    }
}
