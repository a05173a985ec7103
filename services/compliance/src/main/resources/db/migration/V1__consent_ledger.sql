-- The consent ledger: one row per consent event, hash-chained in sequence order. Personal fields appear
-- only as salted commitments; their values live in ledger_personal_data, which erasure may empty.
CREATE TABLE consent_ledger (
    sequence            BIGINT      PRIMARY KEY CHECK (sequence > 0),
    entry_id            UUID        NOT NULL UNIQUE,
    customer_id         TEXT        NOT NULL,
    type                TEXT        NOT NULL CHECK (type IN ('GRANTED', 'PENDING_CONFIRMATION', 'CONFIRMED',
                                                             'REFUSED', 'WITHDRAWN', 'EXPIRED', 'EXTENDED')),
    channel             TEXT        NOT NULL CHECK (channel IN ('EMAIL', 'SMS', 'MAIL')),
    purpose             TEXT        NOT NULL,
    basis               TEXT        CHECK (basis IN ('OPT_IN', 'SOFT_OPT_IN', 'IMPLIED_PURCHASE', 'IMPLIED_INQUIRY',
                                                     'PRIOR_EXPRESS_WRITTEN')),
    jurisdiction        TEXT,
    source              TEXT        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL,
    expires_at          TIMESTAMPTZ,
    address_commitment  TEXT        CHECK (address_commitment ~ '^[0-9a-f]{64}$'),
    evidence_commitment TEXT        CHECK (evidence_commitment ~ '^[0-9a-f]{64}$'),
    previous_hash       TEXT        NOT NULL CHECK (previous_hash ~ '^[0-9a-f]{64}$'),
    hash                TEXT        NOT NULL UNIQUE CHECK (hash ~ '^[0-9a-f]{64}$')
);

CREATE INDEX consent_ledger_by_customer ON consent_ledger (customer_id, channel, purpose, sequence);

-- Append-only, enforced here and not only by the code: a correction is a new entry (GDPR art. 7(1)
-- asks that consent be demonstrable; an editable record demonstrates nothing).
CREATE FUNCTION consent_ledger_is_append_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'consent_ledger is append-only: % is not allowed, record a correcting entry instead', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER consent_ledger_no_update_or_delete
    BEFORE UPDATE OR DELETE ON consent_ledger
    FOR EACH ROW EXECUTE FUNCTION consent_ledger_is_append_only();

CREATE TRIGGER consent_ledger_no_truncate
    BEFORE TRUNCATE ON consent_ledger
    FOR EACH STATEMENT EXECUTE FUNCTION consent_ledger_is_append_only();

-- The personal fields of each entry and the salt of its commitments.
CREATE TABLE ledger_personal_data (
    entry_id UUID  PRIMARY KEY REFERENCES consent_ledger (entry_id),
    salt     BYTEA NOT NULL,
    address  TEXT,
    evidence JSONB
);

-- Where the service connects as a role other than the owner that runs these migrations, that role may
-- add entries but never change or remove them (the trigger above binds the owner too, until the owner
-- disables it). Set KAIROS_DB_APP_ROLE to name it.
REVOKE UPDATE, DELETE, TRUNCATE ON consent_ledger FROM PUBLIC;

DO
$$
BEGIN
    IF '${application-role}' <> '' AND '${application-role}' <> current_user
            AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${application-role}') THEN
        EXECUTE format('GRANT SELECT, INSERT ON consent_ledger TO %I', '${application-role}');
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON consent_ledger FROM %I', '${application-role}');
        EXECUTE format('GRANT SELECT, INSERT, DELETE ON ledger_personal_data TO %I', '${application-role}');
    END IF;
END;
$$;
