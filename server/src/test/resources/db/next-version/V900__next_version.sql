-- Stands for a migration of a version newer than this build, for AdditiveMigrationsContract: a node of
-- this build must still start on a database that version has migrated (the middle of a rolling upgrade).
CREATE TABLE next_version_things (
    gid  BIGINT PRIMARY KEY,
    name TEXT
);
ALTER TABLE attachments ADD COLUMN next_version_note TEXT;
