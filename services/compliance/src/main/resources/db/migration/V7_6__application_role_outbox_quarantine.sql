-- The outbox relay moves a row Kafka will never take to outbox_quarantine (ADR 0017); the relay runs as the
-- application role, so it needs the table that the platform's migration V0_2 created.
DO
$$
BEGIN
    IF '${application-role}' <> '' AND '${application-role}' <> current_user
            AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${application-role}') THEN
        EXECUTE format('GRANT SELECT, INSERT, DELETE ON outbox_quarantine TO %I', '${application-role}');
    END IF;
END;
$$;
