package dev.attache.server.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

import dev.attache.server.db.Settings;

/**
 * The signing key: given in the configuration, or generated once and kept where every server that
 * must accept the signatures can read it — the data directory of a single node, or the database a
 * cluster's nodes share.
 */
public final class SigningSecret {

    private static final String SETTING = "signing_secret";

    private SigningSecret() {
    }

    /** The configured secret's bytes, or the data directory's, creating it (mode 0600) on first use. */
    public static byte[] load(String configured, Path dataDir) throws IOException {
        if (configured != null) {
            return configured.getBytes(StandardCharsets.UTF_8);
        }
        Path file = dataDir.resolve("signing-secret");
        if (!Files.exists(file)) {
            Secrets.writePrivate(file, generate() + "\n");
        }
        return HexFormat.of().parseHex(Files.readString(file, StandardCharsets.US_ASCII).trim());
    }

    /**
     * The configured secret's bytes, or the cluster's, kept in the database: the first node to start
     * stores a generated one and every other node reads that, even when they start at the same moment.
     */
    public static byte[] shared(String configured, Settings settings) {
        if (configured != null) {
            return configured.getBytes(StandardCharsets.UTF_8);
        }
        return HexFormat.of().parseHex(settings.getOrInsert(SETTING, generate()));
    }

    /**
     * Makes a data directory's secret the cluster's, when the cluster has none yet, so that URLs and
     * offset tokens the single server signed stay valid after its data moves to the cluster.
     *
     * @return whether the cluster now uses the data directory's secret (false: it had another one, or
     *         the data directory has none)
     */
    public static boolean adopt(Path dataDir, Settings settings) throws IOException {
        Path file = dataDir.resolve("signing-secret");
        if (!Files.exists(file)) {
            return false;
        }
        String secret = Files.readString(file, StandardCharsets.US_ASCII).trim();
        return settings.getOrInsert(SETTING, secret).equals(secret);
    }

    private static String generate() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return HexFormat.of().formatHex(secret);
    }
}
