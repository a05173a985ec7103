-- Every privilege the application role (${application-role}) needs, in one place: the service connects as that
-- role, which owns nothing and so can change no table's shape, grant nothing and rewrite no migration history,
-- while the owner alone runs the migrations. Empty placeholder (the local default): the owner connects, nothing
-- to grant. A later migration that adds a table grants what the service needs on it.
DO
$$
BEGIN
    IF '${application-role}' <> '' AND '${application-role}' <> current_user
            AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${application-role}') THEN
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON topics, customer_preferences, pending_contact_changes, '
                       'ledger_consent_versions, ledger_consents, outbox, applied_events TO %I', '${application-role}');
        EXECUTE format('GRANT SELECT, INSERT, DELETE ON outbox_quarantine TO %I', '${application-role}');
        EXECUTE format('GRANT USAGE ON SEQUENCE outbox_id_seq TO %I', '${application-role}');
        -- The catalogue's audit trail: rows are only ever added.
        EXECUTE format('GRANT SELECT, INSERT ON catalogue_changes TO %I', '${application-role}');
        EXECUTE format('GRANT USAGE ON SEQUENCE %s TO %I', pg_get_serial_sequence('catalogue_changes', 'change_id'),
                       '${application-role}');
    END IF;
END;
$$;
