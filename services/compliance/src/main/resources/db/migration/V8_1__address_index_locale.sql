-- Each customer's language (BCP 47, e.g. fr-FR), from the same contact-preferences snapshot as their addresses:
-- the acknowledgement of a consent change is written in it. NULL: no snapshot has named one yet.
ALTER TABLE address_index_versions ADD COLUMN locale TEXT;
