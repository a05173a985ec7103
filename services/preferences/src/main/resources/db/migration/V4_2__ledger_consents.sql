-- The customers' consents as compliance's ledger has them (compliance.consents.v1, compacted), so that the
-- preference centre ticks a marketing box only for a consent in force. No address and no evidence: channel,
-- purpose, status and expiry, with the snapshot's version so that an older snapshot changes nothing.
CREATE TABLE ledger_consent_versions (
    customer_id TEXT   PRIMARY KEY,
    version     BIGINT NOT NULL
);

CREATE TABLE ledger_consents (
    customer_id TEXT        NOT NULL REFERENCES ledger_consent_versions (customer_id) ON DELETE CASCADE,
    channel     TEXT        NOT NULL,
    purpose     TEXT        NOT NULL,
    status      TEXT        NOT NULL,
    expires_at  TIMESTAMPTZ,
    PRIMARY KEY (customer_id, channel, purpose)
);
