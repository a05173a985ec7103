-- The W3C traceparent current when the row was written (ADR 0047): the relay's thread has no trace of its
-- own, so the record it publishes carries the one of the request that caused it. NULL: written outside a trace.
ALTER TABLE outbox ADD COLUMN traceparent TEXT;
ALTER TABLE outbox_quarantine ADD COLUMN traceparent TEXT;
