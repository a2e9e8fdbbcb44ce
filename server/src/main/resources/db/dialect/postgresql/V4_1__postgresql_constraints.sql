-- PostgreSQL only. Several nodes write at once here, so the database itself must refuse an attachment
-- (or a brief) whose parent another node deleted meanwhile; on SQLite one writer at a time and the
-- store's own check suffice, and SQLite cannot add a constraint to an existing table.
ALTER TABLE attachments ADD CONSTRAINT attachments_parent_fk FOREIGN KEY (parent_gid) REFERENCES parents (gid);
ALTER TABLE parents ADD CONSTRAINT parents_project_fk FOREIGN KEY (project_gid) REFERENCES parents (gid);

-- SQLite ignores declared lengths; PostgreSQL enforces them. Names and texts have no limit in the API,
-- so they must not have one here either, or a long task name would fail only on PostgreSQL.
ALTER TABLE workspaces ALTER COLUMN name TYPE TEXT;
ALTER TABLE users ALTER COLUMN name TYPE TEXT;
ALTER TABLE users ALTER COLUMN email TYPE TEXT;
ALTER TABLE tokens ALTER COLUMN name TYPE TEXT;
ALTER TABLE parents ALTER COLUMN name TYPE TEXT;
