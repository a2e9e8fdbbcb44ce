package dev.attache.cli.signin;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The file {@code attache login} saves a {@link SignIn} in: {@code $XDG_CONFIG_HOME/attache/credentials},
 * or {@code ~/.config/attache/credentials}, readable by its owner alone (0600, in a 0700 directory).
 * A new sign-in replaces the old one in a single rename, after the token is on disk in a file that
 * never had wider permissions, so a reader sees the old file or the new one and no one else ever
 * sees the token.
 *
 * <p>The format is {@code key=value} lines ({@code host}, {@code token}, optionally {@code ca_file});
 * lines starting with {@code #} are comments.
 */
public final class SignInFile {

    /** The file's name inside the config directory. */
    public static final String FILE_NAME = "credentials";

    private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private final Path file;

    /**
     * The sign-in file at {@code file}.
     *
     * @param file where it is (or would be)
     */
    public SignInFile(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    /**
     * Where the sign-in is kept, by the XDG base directory rules: under {@code XDG_CONFIG_HOME} when
     * that is an absolute path, else under {@code HOME/.config}.
     *
     * @param xdgConfigHome the variable's value, or null when unset
     * @param home          {@code HOME}, or null when unset
     * @return the file, or empty when neither variable gives a place for it
     */
    public static Optional<SignInFile> locate(@Nullable String xdgConfigHome, @Nullable String home) {
        if (xdgConfigHome != null && !xdgConfigHome.isBlank() && Path.of(xdgConfigHome).isAbsolute()) {
            return Optional.of(new SignInFile(Path.of(xdgConfigHome, "attache", FILE_NAME)));
        }
        if (home != null && !home.isBlank()) {
            return Optional.of(new SignInFile(Path.of(home, ".config", "attache", FILE_NAME)));
        }
        return Optional.empty();
    }

    /**
     * The file's path.
     *
     * @return the path
     */
    public Path path() {
        return file;
    }

    /**
     * The saved sign-in.
     *
     * @return it, or empty when nothing is saved
     * @throws IOException when the file cannot be read, is not one {@code attache login} wrote, or its group
     *                     or others may read or change it
     */
    public Optional<SignIn> read() throws IOException {
        String text;
        try {
            refuseWhenOthersHaveAccess();
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        Map<String, String> values = new HashMap<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            int eq = l.indexOf('=');
            if (!l.isEmpty() && !l.startsWith("#") && eq > 0) {
                values.put(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
            }
        }
        String host = values.get("host");
        String token = values.get("token");
        if (host == null || host.isEmpty() || token == null || token.isEmpty()) {
            throw new IOException("it holds no host and token");
        }
        String caFile = values.get("ca_file");
        try {
            return Optional.of(new SignIn(new URI(host), token, caFile == null || caFile.isEmpty() ? null : Path.of(caFile)));
        } catch (URISyntaxException e) {
            throw new IOException("its host is not a URL", e);
        }
    }

    /**
     * Refuses a file whose group or others may read or change it, as ssh refuses such a key: the token
     * may already be someone else's, and using it would hide that. {@code attache login} writes a new
     * file that is the owner's alone.
     */
    private void refuseWhenOthersHaveAccess() throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (!OWNER_READ_WRITE.containsAll(permissions)) {
            throw new IOException("others may read or change it: mode " + PosixFilePermissions.toString(permissions)
                    + ", which 'chmod 600 " + file + "' mends");
        }
    }

    /**
     * Saves {@code signIn} in place of whatever was saved.
     *
     * @param signIn the host and token to save
     * @throws IOException when the directory or the file cannot be written
     */
    public void write(SignIn signIn) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (posix) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
            Files.setPosixFilePermissions(dir, OWNER_ONLY_DIRECTORY);
        } else {
            Files.createDirectories(dir);
        }
        FileAttribute<?>[] ownerOnly = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE)} : new FileAttribute<?>[0];
        Path tmp = Files.createTempFile(dir, "." + FILE_NAME + "-", ".tmp", ownerOnly);
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = StandardCharsets.UTF_8.encode(text(signIn));
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                out.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Removes the saved sign-in.
     *
     * @return true when there was one
     * @throws IOException when it cannot be removed
     */
    public boolean delete() throws IOException {
        return Files.deleteIfExists(file);
    }

    private static String text(SignIn signIn) {
        StringBuilder text = new StringBuilder("# Written by 'attache login'; 'attache logout' removes it.\n")
                .append("host=").append(signIn.host()).append('\n')
                .append("token=").append(signIn.token()).append('\n');
        if (signIn.caFile() != null) {
            text.append("ca_file=").append(signIn.caFile().toAbsolutePath()).append('\n');
        }
        return text.toString();
    }
}
