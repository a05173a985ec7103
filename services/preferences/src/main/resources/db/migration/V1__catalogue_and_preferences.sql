-- The topic catalogue. Topics are never deleted: customers' preferences and past consents name them.
CREATE TABLE topics (
    topic_id         TEXT        PRIMARY KEY,
    name             TEXT        NOT NULL,
    category         TEXT        NOT NULL CHECK (category IN ('MARKETING', 'SERVICE')),
    purpose          TEXT        NOT NULL,
    urgent           BOOLEAN     NOT NULL,
    default_channels TEXT[]      NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);

-- One customer's full preferences document, in the shape of the API. Every change bumps version,
-- which is also the ETag clients send back in If-Match and the version of the published snapshot.
CREATE TABLE customer_preferences (
    customer_id TEXT        PRIMARY KEY,
    version     BIGINT      NOT NULL CHECK (version >= 1),
    document    JSONB       NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
