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
