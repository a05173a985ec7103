-- The address index: which customers have an address on record, per channel, from the latest
-- preferences.contact-preferences.v1 snapshot. Addresses only as their keyed hash (HMAC).
CREATE TABLE address_index (
    customer_id  TEXT NOT NULL,
    channel      TEXT NOT NULL CHECK (channel IN ('EMAIL', 'SMS', 'MAIL')),
    address_hmac TEXT NOT NULL CHECK (address_hmac ~ '^[0-9a-f]{64}$'),
    PRIMARY KEY (customer_id, channel)
);

-- A STOP or a bounce names an address: find its customers.
CREATE INDEX address_index_by_address ON address_index (address_hmac, channel);

-- The version of the snapshot the index holds for each customer: an older or equal one changes nothing.
CREATE TABLE address_index_versions (
    customer_id TEXT   PRIMARY KEY,
    version     BIGINT NOT NULL
);

-- Do-not-contact entries, one per address, published on compliance.suppressions.v1 under the same key.
CREATE TABLE suppressions (
    address_hmac TEXT        PRIMARY KEY CHECK (address_hmac ~ '^[0-9a-f]{64}$'),
    -- NULL: every channel.
    channel      TEXT        CHECK (channel IN ('EMAIL', 'SMS', 'MAIL')),
    reason       TEXT        NOT NULL CHECK (reason IN ('HARD_BOUNCE', 'COMPLAINT', 'MAIL_RETURNED', 'ERASURE', 'MANUAL',
                                                        'STOP_KEYWORD')),
    since        TIMESTAMPTZ NOT NULL,
    source       TEXT        NOT NULL
);
