-- Outbox rows the relay could not publish on their own (too large for the broker, refused as invalid,
-- or still failing after the bounded retries while the broker answered). A row moves here in the
-- transaction that deletes it from the outbox, so the rows behind it go on; an operator inspects and
-- replays it (see the platform section of the README).
CREATE TABLE outbox_quarantine (
    id             BIGINT      PRIMARY KEY,
    topic          TEXT        NOT NULL,
    message_key    TEXT        NOT NULL,
    payload        BYTEA,
    event_id       TEXT        NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    cause          TEXT        NOT NULL,
    attempts       INTEGER     NOT NULL,
    quarantined_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
