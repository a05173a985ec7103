-- Each customer's jurisdiction, from the same contact-preferences snapshot as their addresses: grants and
-- withdrawals that arrive without one (preference-centre submissions, channel signals) take it from here, so
-- that the consent rules of the jurisdiction (expiry, basis) apply to them as to the API's. NULL: the
-- snapshot named none.
ALTER TABLE address_index_versions ADD COLUMN jurisdiction TEXT;
