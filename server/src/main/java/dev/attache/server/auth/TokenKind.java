package dev.attache.server.auth;

/** How a token was issued: personal access tokens have every scope; OAuth tokens carry their own. */
public enum TokenKind {
    PERSONAL,
    OAUTH
}
