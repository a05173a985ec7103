-- Signed checkpoints of the ledger's chain head (ADR 0024). The signing key is never stored here: whoever can
-- rewrite these tables cannot sign a checkpoint. Append-only for the application role, like the ledger.
CREATE TABLE ledger_checkpoints (
    sequence        BIGINT      NOT NULL,
    head_hash       TEXT        NOT NULL CHECK (length(head_hash) = 64 AND head_hash ~ '^[0-9a-f]+$'),
    checkpointed_at TIMESTAMPTZ NOT NULL,
    -- Ed25519 over the canonical encoding of sequence, head hash and time, base64.
    signature       TEXT        NOT NULL,
    PRIMARY KEY (sequence, checkpointed_at)
);

DO
$$
BEGIN
    IF '${application-role}' <> '' AND '${application-role}' <> current_user
            AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${application-role}') THEN
        EXECUTE format('GRANT SELECT, INSERT ON ledger_checkpoints TO %I', '${application-role}');
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES ON ledger_checkpoints FROM %I',
                '${application-role}');
    END IF;
END;
$$;
