-- A new email address or phone number given on the preference centre, waiting for its owner to confirm it
-- through the link sent to it (ADR 0028). Nothing reads it to send: the customer's document keeps the old
-- contact point until then. One pending change per customer and channel (a newer one replaces it); a row
-- is deleted when confirmed, so its link works once; rows past expires_at are refused and purged. Erasing
-- the customer's preferences deletes their pending changes with them.
CREATE TABLE pending_contact_changes (
    nonce        TEXT        PRIMARY KEY,
    change_id    UUID        NOT NULL UNIQUE,
    customer_id  TEXT        NOT NULL REFERENCES customer_preferences (customer_id) ON DELETE CASCADE,
    channel      TEXT        NOT NULL CHECK (channel IN ('EMAIL', 'SMS')),
    address      TEXT        NOT NULL,
    requested_at TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL,
    UNIQUE (customer_id, channel)
);

CREATE INDEX pending_contact_changes_expiry ON pending_contact_changes (expires_at);
