-- Browser console sessions, shared by every node that shares the database. Only the SHA-256 of a
-- session id is stored; the token it was signed in with is referenced by gid and checked on each
-- request, so revoking the token ends the session.
CREATE TABLE console_sessions (
    id_hash    VARCHAR(64) PRIMARY KEY,
    token_gid  BIGINT NOT NULL,
    user_gid   BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);

CREATE INDEX console_sessions_by_expiry ON console_sessions (expires_at);
