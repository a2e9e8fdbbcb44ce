/**
 * Asana's Attachments API client. Only {@code dev.attache.client} is API; the implementation in
 * {@code dev.attache.client.internal} is neither exported nor open to anyone but Jackson's reading
 * of the public records.
 */
module dev.attache.client {
    requires transitive java.net.http;
    requires com.fasterxml.jackson.databind;
    // The public API carries JSpecify's nullness annotations; consumers that compile against it see them.
    requires static transitive org.jspecify;

    exports dev.attache.client;

    opens dev.attache.client to com.fasterxml.jackson.databind;
}
