-- The document is kept as the text the service wrote (json, not jsonb), so a read can serve it as it is,
-- without parsing it into the domain and writing it back (ADR 0011). PostgreSQL still checks that it is JSON.
ALTER TABLE customer_preferences ALTER COLUMN document TYPE JSON USING document::json;
