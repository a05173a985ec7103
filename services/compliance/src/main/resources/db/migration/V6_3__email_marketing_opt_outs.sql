-- Customers whose email marketing a mailto unsubscribe withdrew (ADR 0013): a MARKETING purpose that joins the
-- catalogue later is withdrawn for them too, citing the same unsubscribe. Erasure deletes the row.
CREATE TABLE email_marketing_opt_outs (
    customer_id     TEXT        PRIMARY KEY,
    signal_event_id TEXT        NOT NULL,
    opted_out_at    TIMESTAMPTZ NOT NULL
);

DO
$$
BEGIN
    IF '${application-role}' <> '' AND '${application-role}' <> current_user
            AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${application-role}') THEN
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON email_marketing_opt_outs TO %I', '${application-role}');
    END IF;
END;
$$;
