-- Portable SQL: runs unchanged on SQLite and PostgreSQL.
-- OAuth apps, their authorization codes and their grants (one per consent; the refresh token names it).
-- Secrets, codes and refresh tokens are stored only as SHA-256 hashes.
CREATE TABLE oauth_apps (
    gid           BIGINT PRIMARY KEY,
    name          VARCHAR(255) NOT NULL,
    secret_hash   VARCHAR(64) NOT NULL,
    redirect_uris VARCHAR(8192) NOT NULL,
    scopes        VARCHAR(255) NOT NULL,
    created_at    BIGINT NOT NULL
);

CREATE TABLE oauth_grants (
    gid          BIGINT PRIMARY KEY,
    app_gid      BIGINT NOT NULL,
    user_gid     BIGINT NOT NULL REFERENCES users (gid),
    scopes       VARCHAR(255) NOT NULL,
    refresh_hash VARCHAR(64) NOT NULL,
    created_at   BIGINT NOT NULL,
    revoked_at   BIGINT
);

CREATE INDEX oauth_grants_by_app ON oauth_grants (app_gid);

CREATE TABLE oauth_codes (
    code_hash      VARCHAR(64) PRIMARY KEY,
    app_gid        BIGINT NOT NULL,
    user_gid       BIGINT NOT NULL REFERENCES users (gid),
    redirect_uri   VARCHAR(2048) NOT NULL,
    scopes         VARCHAR(255) NOT NULL,
    code_challenge VARCHAR(128),
    expires_at     BIGINT NOT NULL,
    used_at        BIGINT,
    grant_gid      BIGINT
);

-- Access tokens from OAuth expire, and name the grant they were issued from so that revoking the
-- grant (or deleting its app) revokes them too.
ALTER TABLE tokens ADD COLUMN expires_at BIGINT;
ALTER TABLE tokens ADD COLUMN grant_gid BIGINT;

CREATE INDEX tokens_by_grant ON tokens (grant_gid);
