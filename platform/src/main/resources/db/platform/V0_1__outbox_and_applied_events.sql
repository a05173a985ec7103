-- Events waiting to reach Kafka. A service appends here in the same transaction as the change it
-- announces; the relay publishes rows in id order and deletes them once the broker acknowledged.
CREATE TABLE outbox (
    id          BIGSERIAL PRIMARY KEY,
    topic       TEXT        NOT NULL,
    message_key TEXT        NOT NULL,
    payload     BYTEA,
    event_id    TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Ids of the events a consumer applied, written in the same transaction as the effect, so a
-- redelivered event changes nothing.
CREATE TABLE applied_events (
    consumer   TEXT        NOT NULL,
    event_id   TEXT        NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
