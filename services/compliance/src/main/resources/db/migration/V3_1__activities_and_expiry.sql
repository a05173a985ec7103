-- Facts from the company's systems that create or extend consent (POST /api/v1/activities). Kept so that
-- the ledger's EXTENDED entries can be traced to what caused them; personal (behaviour), so erasure
-- deletes a customer's rows.
CREATE TABLE activities (
    id          BIGSERIAL   PRIMARY KEY,
    customer_id TEXT        NOT NULL,
    type        TEXT        NOT NULL CHECK (type IN ('PURCHASE', 'INQUIRY', 'CLICK', 'VISIT', 'OPEN')),
    occurred_at TIMESTAMPTZ NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX activities_by_customer ON activities (customer_id, occurred_at);

-- The expiry job looks for active consents whose expiry has passed.
CREATE INDEX consent_state_active_by_expiry ON consent_state (expires_at) WHERE status = 'ACTIVE' AND expires_at IS NOT NULL;

DO
$$
BEGIN
    IF '${application-role}' <> '' AND '${application-role}' <> current_user
            AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${application-role}') THEN
        EXECUTE format('GRANT SELECT, INSERT, DELETE ON activities TO %I', '${application-role}');
        EXECUTE format('GRANT USAGE ON SEQUENCE activities_id_seq TO %I', '${application-role}');
    END IF;
END;
$$;
