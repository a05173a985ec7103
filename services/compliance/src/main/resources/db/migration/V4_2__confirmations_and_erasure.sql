-- Double opt-in: one row per confirmation message sent, by the nonce its single-use link carries. Both
-- steps are kept as evidence: sent_at (the message) and confirmed_at (the click). The address is personal:
-- rows never confirmed are deleted after 30 days, every row of a customer on erasure.
CREATE TABLE confirmation_requests (
    nonce              TEXT        PRIMARY KEY,
    customer_id        TEXT        NOT NULL,
    channel            TEXT        NOT NULL CHECK (channel IN ('EMAIL', 'SMS', 'MAIL')),
    purpose            TEXT        NOT NULL,
    basis              TEXT,
    jurisdiction       TEXT,
    address            TEXT,
    pending_entry_id   UUID        NOT NULL UNIQUE REFERENCES consent_ledger (entry_id),
    sent_at            TIMESTAMPTZ NOT NULL,
    expires_at         TIMESTAMPTZ NOT NULL,
    confirmed_at       TIMESTAMPTZ,
    confirmed_entry_id UUID        REFERENCES consent_ledger (entry_id)
);

CREATE INDEX confirmation_requests_unconfirmed ON confirmation_requests (sent_at) WHERE confirmed_at IS NULL;
CREATE INDEX confirmation_requests_by_customer ON confirmation_requests (customer_id);

-- US consent proof kept through an erasure: the FCC's TCPA rules and the FTC's Telemarketing Sales Rule
-- (16 CFR 310.5, records kept 5 years) outlast a deletion request. Only what proves the consent is kept
-- (the salt, address and evidence behind the ledger's commitments), out of every API; the service may add
-- rows and remove those past retain_until, but not read them back. Auditors read them with their own role.
CREATE TABLE retained_consent_proof (
    entry_id     UUID        PRIMARY KEY REFERENCES consent_ledger (entry_id),
    salt         BYTEA       NOT NULL,
    address      TEXT,
    evidence     JSONB,
    retain_until TIMESTAMPTZ NOT NULL,
    erased_at    TIMESTAMPTZ NOT NULL
);

REVOKE ALL ON retained_consent_proof FROM PUBLIC;

DO
$$
BEGIN
    IF '${application-role}' <> '' AND '${application-role}' <> current_user
            AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${application-role}') THEN
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON address_index, address_index_versions, suppressions, '
                       'confirmation_requests TO %I', '${application-role}');
        EXECUTE format('GRANT INSERT, DELETE ON retained_consent_proof TO %I', '${application-role}');
        EXECUTE format('GRANT SELECT (entry_id, retain_until) ON retained_consent_proof TO %I', '${application-role}');
    END IF;
END;
$$;
