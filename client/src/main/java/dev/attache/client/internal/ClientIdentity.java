package dev.attache.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * How the client names itself on every request: a {@code User-Agent} such as
 * {@code attache-client/0.1.0 (Java 17.0.15; Linux 6.1)}, and the {@code X-Asana-Client-Lib}
 * header Asana's own client libraries send, a form-encoded list of version, language, language
 * version, OS and OS version. The version comes from the build (a filtered resource).
 *
 * @param userAgent the {@code User-Agent} value
 * @param clientLib the {@code X-Asana-Client-Lib} value
 */
public record ClientIdentity(String userAgent, String clientLib) {

    /** The client's name in {@code User-Agent}. */
    public static final String NAME = "attache-client";

    /**
     * The identity of this build on this JVM.
     *
     * @return the identity
     */
    public static ClientIdentity current() {
        String version = version();
        String java = System.getProperty("java.version", "unknown");
        String os = System.getProperty("os.name", "unknown");
        String osVersion = System.getProperty("os.version", "unknown");
        Map<String, String> lib = new LinkedHashMap<>();
        lib.put("version", version);
        lib.put("language", "Java");
        lib.put("language_version", java);
        lib.put("os", os);
        lib.put("os_version", osVersion);
        String clientLib = lib.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return new ClientIdentity(NAME + "/" + version + " (Java " + java + "; " + os + " " + osVersion + ")",
                clientLib);
    }

    /**
     * The client's version, as the build wrote it into {@code client.properties}.
     *
     * @return for example {@code 0.1.0}
     */
    public static String version() {
        try (InputStream in = ClientIdentity.class.getResourceAsStream("client.properties")) {
            if (in == null) {
                throw new IllegalStateException("client.properties is missing from the client jar");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
