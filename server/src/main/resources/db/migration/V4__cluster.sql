-- Portable SQL: runs unchanged on SQLite and PostgreSQL. What the nodes of a cluster share besides
-- the data: settings such as the signing secret, leases, upload intents and rate-limit windows.

-- One row per name, written once by whichever node gets there first (INSERT .. ON CONFLICT DO NOTHING).
CREATE TABLE settings (
    name  VARCHAR(64) PRIMARY KEY,
    value VARCHAR(1024) NOT NULL
);

-- Time-limited ownership: a node id in use, or the right to run a cluster-wide sweep.
CREATE TABLE leases (
    name       VARCHAR(64) PRIMARY KEY,
    holder     VARCHAR(64) NOT NULL,
    expires_at BIGINT NOT NULL
);

-- Written before an upload's first byte and removed in the transaction that inserts its attachment,
-- so a sweep can tell bytes still being uploaded from bytes that no row will ever reference.
CREATE TABLE upload_intents (
    blob_key   VARCHAR(64) PRIMARY KEY,
    node_id    INTEGER NOT NULL,
    touched_at BIGINT NOT NULL
);

-- The per-minute request count of each token, shared by every node.
CREATE TABLE rate_windows (
    token_gid    BIGINT PRIMARY KEY,
    window_start BIGINT NOT NULL,
    requests     INTEGER NOT NULL
);

-- Emails are unique whatever their case, also when two nodes create the same user at once.
CREATE UNIQUE INDEX users_by_lower_email ON users (LOWER(email));

-- Deleting a project finds its briefs without a scan.
CREATE INDEX parents_by_project ON parents (project_gid);
