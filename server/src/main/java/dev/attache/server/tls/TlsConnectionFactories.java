package dev.attache.server.tls;

import java.time.Duration;
import java.util.function.Function;

import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The connection factories for HTTPS: TLS 1.2 or 1.3, then ALPN choosing HTTP/2 or HTTP/1.1. Clients
 * that offer no ALPN get HTTP/1.1. With a certificate of the operator's, every answer carries
 * {@code Strict-Transport-Security}; with the self-signed one, which is for local use, none does.
 */
public final class TlsConnectionFactories {

    /** How long browsers keep to HTTPS after an answer over it: one year, as HSTS preload lists ask. */
    static final Duration STS_MAX_AGE = Duration.ofDays(365);

    private TlsConnectionFactories() {
    }

    /**
     * The factories for a connector, in the order Jetty needs them.
     *
     * @param http      the plain configuration; a copy gets the secure-request customizer, so
     *                  {@code ctx.scheme()} is {@code https}
     * @param http1     configures HTTP/1.1 beyond {@code http} (input buffer size, for one)
     */
    public static ConnectionFactory[] create(TlsKeys keys, HttpConfiguration http,
                                             Function<HttpConfiguration, HttpConnectionFactory> http1) {
        HttpConfiguration https = new HttpConfiguration(http);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        if (!keys.selfSigned()) {
            // Browsers that reached this server over HTTPS with a trusted certificate keep to HTTPS.
            secure.setStsMaxAge(STS_MAX_AGE.toSeconds());
        }
        https.addCustomizer(secure);
        HttpConnectionFactory h1 = http1.apply(https);
        HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(https);
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
        alpn.setDefaultProtocol(h1.getProtocol());

        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(keys.keyStore());
        ssl.setKeyStorePassword(keys.password());
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        // HTTP/2 forbids the ciphers RFC 7540 Appendix A lists; prefer the ones it allows.
        ssl.setCipherComparator(HTTP2Cipher.COMPARATOR);
        return new ConnectionFactory[] {new SslConnectionFactory(ssl, alpn.getProtocol()), alpn, h2, h1};
    }
}
