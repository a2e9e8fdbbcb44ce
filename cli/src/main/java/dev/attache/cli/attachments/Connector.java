package dev.attache.cli.attachments;

import dev.attache.client.AttachmentsApi;

/**
 * Builds the one {@link AttachmentsApi} a client command uses, once its connection options are
 * parsed. {@code Main} builds a single connector and hands it to every client command.
 */
@FunctionalInterface
public interface Connector {

    /**
     * Builds a client for {@code connection}.
     *
     * @param connection the API root and token
     * @return a client that has sent nothing yet
     */
    AttachmentsApi open(Connection connection);

    /**
     * The connector for real use: the client's defaults for retries, timeouts and concurrency.
     *
     * @return the connector
     */
    static Connector http() {
        return c -> AttachmentsApi.builder().baseUri(c.baseUri()).token(c.token()).build();
    }
}
