package dev.attache.server.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The server's certificate chain and key as an in-memory key store for Jetty, read from PEM files or
 * from the self-signed pair kept in the data directory (made on first use).
 *
 * @param keyStore the chain and key under alias {@code attache}
 * @param password the store's password, random per start; it never leaves the process
 */
/**
 * The key store a TLS connector serves from.
 *
 * @param selfSigned whether the certificate is the one {@code --tls-self-signed} made, which browsers do not
 *                   trust: such a server does not ask them to insist on HTTPS (no HSTS)
 */
public record TlsKeys(KeyStore keyStore, String password, boolean selfSigned) {

    /** Where the self-signed certificate is kept; clients trust this file. */
    public static Path selfSignedCertificate(Path dataDir) {
        return dataDir.resolve("tls").resolve("self-signed.pem");
    }

    /**
     * Loads the keys a source names.
     *
     * @param bindAddress added to the self-signed certificate's names
     * @throws IOException naming the file when a PEM file cannot be read or the key does not fit the certificate
     */
    public static TlsKeys load(TlsSource source, Path dataDir, String bindAddress, Clock clock) throws IOException {
        if (source instanceof TlsSource.PemFiles pem) {
            return of(PemFiles.certificates(pem.certificateChain()), PemFiles.privateKey(pem.privateKey()), pem, false);
        }
        Path certificate = selfSignedCertificate(dataDir);
        Path key = certificate.resolveSibling("self-signed-key.pem");
        if (!Files.exists(certificate) || !Files.exists(key)) {
            Files.createDirectories(certificate.getParent());
            SelfSignedCertificate.write(hosts(bindAddress), clock, certificate, key);
        }
        return of(PemFiles.certificates(certificate), PemFiles.privateKey(key), new TlsSource.PemFiles(certificate, key), true);
    }

    private static List<String> hosts(String bindAddress) {
        Set<String> hosts = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
        if (!bindAddress.isEmpty() && !bindAddress.equals("0.0.0.0") && !bindAddress.equals("::")) {
            hosts.add(bindAddress);
        }
        return List.copyOf(hosts);
    }

    private static TlsKeys of(List<X509Certificate> chain, PrivateKey key, TlsSource.PemFiles files, boolean selfSigned)
            throws IOException {
        if (!chain.get(0).getPublicKey().getAlgorithm().equals(key.getAlgorithm())) {
            throw new IOException(files.privateKey() + ": a " + key.getAlgorithm() + " key does not belong to the "
                    + chain.get(0).getPublicKey().getAlgorithm() + " certificate in " + files.certificateChain());
        }
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String password = Base64.getEncoder().encodeToString(random);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("attache", key, password.toCharArray(), chain.toArray(Certificate[]::new));
            return new TlsKeys(store, password, selfSigned);
        } catch (GeneralSecurityException e) {
            throw new IOException(files.certificateChain() + ": cannot use this certificate and key: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "TlsKeys[password=<redacted>]";
    }
}
