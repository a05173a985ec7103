-- Each customer's consents as they stand: the status of every channel and purpose, resting on the ledger
-- entry named by entry_id. Rewritten on every consent change; the ledger is the history.
CREATE TABLE consent_state (
    customer_id  TEXT        NOT NULL,
    channel      TEXT        NOT NULL CHECK (channel IN ('EMAIL', 'SMS', 'MAIL')),
    purpose      TEXT        NOT NULL,
    status       TEXT        NOT NULL CHECK (status IN ('ACTIVE', 'PENDING_CONFIRMATION', 'WITHDRAWN', 'EXPIRED')),
    basis        TEXT,
    address      TEXT,
    address_hmac TEXT,
    entry_id     UUID        NOT NULL REFERENCES consent_ledger (entry_id),
    expires_at   TIMESTAMPTZ,
    PRIMARY KEY (customer_id, channel, purpose)
);

-- A STOP or a bounce names an address, not a customer.
CREATE INDEX consent_state_by_address_hmac ON consent_state (address_hmac);

-- The version of each customer's consent snapshot on compliance.consents.v1; consumers ignore a snapshot
-- that is not newer than the one they hold. The row is also the customer's lock for consent changes.
CREATE TABLE consent_versions (
    customer_id TEXT        PRIMARY KEY,
    version     BIGINT      NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
