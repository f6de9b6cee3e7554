-- Every write through the platform API: who, what, when, and the request id that ties it to logs and responses.
CREATE TABLE audit_log (
    id             bigserial   PRIMARY KEY,
    occurred_at    timestamptz NOT NULL DEFAULT now(),
    actor          text        NOT NULL,
    action         text        NOT NULL,
    tenant         text,
    request_id     text        NOT NULL,
    client_address text,
    details        jsonb       NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_occurred_at_idx ON audit_log (occurred_at DESC);
CREATE INDEX audit_log_tenant_idx ON audit_log (tenant, occurred_at DESC);

-- Idempotency-Key of signups: the first response is replayed for the same key and body, across restarts.
-- A row without response_status is a request still in progress.
CREATE TABLE idempotency_key (
    scope           text        NOT NULL,
    key             text        NOT NULL,
    request_hash    text        NOT NULL,
    response_status integer,
    response_location text,
    response_body   text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_key_created_at_idx ON idempotency_key (created_at);
