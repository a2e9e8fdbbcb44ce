package dev.attache.server.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

import dev.attache.server.signing.Secrets;

/** The signing key: given in the configuration, or generated once and kept in the data directory. */
public final class SigningSecret {

    private SigningSecret() {
    }

    /** The configured secret's bytes, or the data directory's, creating it (mode 0600) on first use. */
    public static byte[] load(String configured, Path dataDir) throws IOException {
        if (configured != null) {
            return configured.getBytes(StandardCharsets.UTF_8);
        }
        Path file = dataDir.resolve("signing-secret");
        if (!Files.exists(file)) {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            Secrets.writePrivate(file, HexFormat.of().formatHex(secret) + "\n");
        }
        return HexFormat.of().parseHex(Files.readString(file, StandardCharsets.US_ASCII).trim());
    }
}
