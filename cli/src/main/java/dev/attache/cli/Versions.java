package dev.attache.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import picocli.CommandLine.IVersionProvider;

/**
 * What {@code attache --version} and {@code attache version} print: the project version the build
 * wrote into {@code version.properties}, and the Java runtime the command runs on.
 */
final class Versions implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"attache " + projectVersion(),
                "Java " + System.getProperty("java.runtime.version", System.getProperty("java.version"))
                        + " (" + System.getProperty("java.vendor") + ", " + System.getProperty("os.name") + " "
                        + System.getProperty("os.arch") + ")"};
    }

    static String projectVersion() {
        try (InputStream in = Versions.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties is missing: the build writes it");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
