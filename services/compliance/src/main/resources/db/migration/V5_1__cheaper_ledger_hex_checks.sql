-- The same rule as V1's checks (exactly 64 lower-case hex digits), written so that PostgreSQL can test it
-- cheaply. Its regular-expression engine expands '^[0-9a-f]{64}$' into a 64-step automaton: about 35 µs
-- per value, four values per entry, which made these checks most of the cost of a ledger insert (issue 4,
-- ADR 0012). A length test and a one-class scan accept exactly the same strings in about 1 µs.
-- NOT VALID then VALIDATE: existing rows are checked without blocking appends for the whole scan; they
-- passed the stricter-looking V1 checks, which accept the same strings, so validation cannot fail.
ALTER TABLE consent_ledger
    DROP CONSTRAINT consent_ledger_address_commitment_check,
    DROP CONSTRAINT consent_ledger_evidence_commitment_check,
    DROP CONSTRAINT consent_ledger_previous_hash_check,
    DROP CONSTRAINT consent_ledger_hash_check,
    ADD CONSTRAINT consent_ledger_address_commitment_check
        CHECK (length(address_commitment) = 64 AND address_commitment !~ '[^0-9a-f]') NOT VALID,
    ADD CONSTRAINT consent_ledger_evidence_commitment_check
        CHECK (length(evidence_commitment) = 64 AND evidence_commitment !~ '[^0-9a-f]') NOT VALID,
    ADD CONSTRAINT consent_ledger_previous_hash_check
        CHECK (length(previous_hash) = 64 AND previous_hash !~ '[^0-9a-f]') NOT VALID,
    ADD CONSTRAINT consent_ledger_hash_check
        CHECK (length(hash) = 64 AND hash !~ '[^0-9a-f]') NOT VALID;

ALTER TABLE consent_ledger VALIDATE CONSTRAINT consent_ledger_address_commitment_check;
ALTER TABLE consent_ledger VALIDATE CONSTRAINT consent_ledger_evidence_commitment_check;
ALTER TABLE consent_ledger VALIDATE CONSTRAINT consent_ledger_previous_hash_check;
ALTER TABLE consent_ledger VALIDATE CONSTRAINT consent_ledger_hash_check;
