-- The operator's own bookkeeping, in schema neoforge_operator (created by Flyway as the operator's login, which
-- therefore owns it). Tenants never see it.
REVOKE ALL ON SCHEMA neoforge_operator FROM PUBLIC;

-- The deletion budget (neoforge.deletion.max-per-hour): one row per deleted tenant, by uid, written in the same
-- transaction that counts the last hour under an advisory lock, before anything is deleted.
-- IF NOT EXISTS: operators before Flyway created this table themselves (baseline-on-migrate keeps this migration).
CREATE TABLE IF NOT EXISTS tenant_deletions (
    tenant text NOT NULL,
    uid text NOT NULL UNIQUE,
    deleted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS tenant_deletions_deleted_at ON tenant_deletions (deleted_at);
REVOKE ALL ON tenant_deletions FROM PUBLIC;
