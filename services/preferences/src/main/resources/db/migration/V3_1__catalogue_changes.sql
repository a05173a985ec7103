-- Every change of the topic catalogue, kept for audit: which API client (the token's subject) changed
-- which topic when, and the entry before and after. A catalogue entry decides whether a message needs
-- consent, so who turned what into what must stay answerable. Rows are only ever inserted.
CREATE TABLE catalogue_changes (
    change_id  BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    topic_id   TEXT        NOT NULL,
    changed_by TEXT        NOT NULL,
    changed_at TIMESTAMPTZ NOT NULL,
    before     JSONB,
    after      JSONB       NOT NULL
);

CREATE INDEX catalogue_changes_by_topic ON catalogue_changes (topic_id, changed_at);
