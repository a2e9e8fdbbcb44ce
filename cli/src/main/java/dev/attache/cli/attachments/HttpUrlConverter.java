package dev.attache.cli.attachments;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Turns a {@code --url} that is not an absolute http or https URL into a usage error (exit code 2). */
final class HttpUrlConverter implements ITypeConverter<URI> {

    @Override
    public URI convert(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new TypeConversionException("'" + value + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new TypeConversionException("'" + value + "' is not an absolute http or https URL, such as https://example.com/spec");
        }
        return uri;
    }
}
