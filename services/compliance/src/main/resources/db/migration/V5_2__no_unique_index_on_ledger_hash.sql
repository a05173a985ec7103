-- Nothing looks an entry up by its hash, and the hash cannot repeat: it is a SHA-256 over an encoding that
-- includes the entry's sequence, itself the primary key. The unique index only cost each append a random
-- insert into a b-tree of 64-character keys (about a tenth of an insert; issue 4, ADR 0012). Tampering is
-- found by verification, which recomputes every hash and link, not by this index. The CHECK stays.
ALTER TABLE consent_ledger DROP CONSTRAINT consent_ledger_hash_key;
