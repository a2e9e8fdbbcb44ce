package dev.attache.server.tls;

import java.nio.file.Path;
import java.util.Objects;

/** Where the server's TLS certificate and key come from. */
public sealed interface TlsSource permits TlsSource.PemFiles, TlsSource.SelfSigned {

    /**
     * A certificate chain and its private key in PEM files, as a CA or {@code certbot} writes them.
     *
     * @param certificateChain the server certificate first, then any intermediates
     * @param privateKey       PKCS#8, PKCS#1 (RSA) or SEC1 (EC); not encrypted
     */
    record PemFiles(Path certificateChain, Path privateKey) implements TlsSource {
        public PemFiles {
            Objects.requireNonNull(certificateChain, "certificateChain");
            Objects.requireNonNull(privateKey, "privateKey");
        }
    }

    /**
     * A self-signed certificate for {@code localhost}, {@code 127.0.0.1}, {@code ::1} and the bind
     * address, made on first start and kept in {@code <data dir>/tls/}, for local use. Clients trust
     * it by trusting {@code <data dir>/tls/self-signed.pem}.
     */
    record SelfSigned() implements TlsSource {
    }

    static TlsSource pemFiles(Path certificateChain, Path privateKey) {
        return new PemFiles(certificateChain, privateKey);
    }

    static TlsSource selfSigned() {
        return new SelfSigned();
    }
}
