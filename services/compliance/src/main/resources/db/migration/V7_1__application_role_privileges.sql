-- Every privilege the application role (${application-role}) needs, in one place, so that the service can
-- connect as that role while only the owner runs migrations: the owner alone can alter the ledger, its
-- trigger or its grants. Earlier migrations granted some of these only when the role already existed;
-- repeating them here brings a database migrated before the role was created to the same state. The
-- ledger stays append-only: no UPDATE, DELETE or TRUNCATE on consent_ledger, ever.
DO
$$
BEGIN
    IF '${application-role}' <> '' AND '${application-role}' <> current_user
            AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${application-role}') THEN
        EXECUTE format('GRANT SELECT, INSERT ON consent_ledger TO %I', '${application-role}');
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES ON consent_ledger FROM %I',
                       '${application-role}');
        EXECUTE format('GRANT SELECT, INSERT, DELETE ON ledger_personal_data TO %I', '${application-role}');
        EXECUTE format('GRANT SELECT, INSERT, DELETE ON activities TO %I', '${application-role}');
        EXECUTE format('GRANT USAGE ON SEQUENCE activities_id_seq TO %I', '${application-role}');
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON address_index, address_index_versions, suppressions, '
                       'confirmation_requests, topic_purposes, email_marketing_opt_outs TO %I', '${application-role}');
        EXECUTE format('GRANT INSERT, DELETE ON retained_consent_proof TO %I', '${application-role}');
        EXECUTE format('GRANT SELECT (entry_id, retain_until) ON retained_consent_proof TO %I', '${application-role}');
        -- Never granted before: the service connected as the owner.
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON consent_state, consent_versions, outbox, '
                       'applied_events TO %I', '${application-role}');
        EXECUTE format('GRANT USAGE ON SEQUENCE outbox_id_seq TO %I', '${application-role}');
    END IF;
END;
$$;
