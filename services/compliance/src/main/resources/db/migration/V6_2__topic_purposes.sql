-- The purposes of the topic catalogue, replicated from preferences.topics.v1 (compacted, keyed by topic id): a
-- mailto unsubscribe withdraws email marketing for every MARKETING purpose, consent on record or not, so that
-- it holds under an opt-out model (US email) too.
CREATE TABLE topic_purposes (
    topic_id  TEXT    PRIMARY KEY,
    purpose   TEXT    NOT NULL,
    marketing BOOLEAN NOT NULL
);

DO
$$
BEGIN
    IF '${application-role}' <> '' AND '${application-role}' <> current_user
            AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${application-role}') THEN
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON topic_purposes TO %I', '${application-role}');
    END IF;
END;
$$;
