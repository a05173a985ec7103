-- Runs once, when the postgres container starts on an empty data volume (docker-entrypoint-initdb.d).
-- One database per service, each owned by its own role: a service can reach only its own data.
-- These passwords are for the local compose stack only (docker-compose.yml repeats them); Kubernetes
-- uses CloudNativePG-generated credentials instead (deploy/base/postgres).
CREATE ROLE preferences LOGIN PASSWORD 'preferences';
CREATE DATABASE preferences OWNER preferences;

CREATE ROLE compliance LOGIN PASSWORD 'compliance';
CREATE DATABASE compliance OWNER compliance;
-- The role the compliance service connects as: it owns nothing, so it can never alter or disable the
-- ledger's trigger; the owner (compliance) runs the migrations, which grant it what it needs.
CREATE ROLE compliance_app LOGIN PASSWORD 'compliance_app';

-- Only the owner may connect (PostgreSQL grants CONNECT to PUBLIC by default).
REVOKE CONNECT ON DATABASE preferences FROM PUBLIC;
REVOKE CONNECT ON DATABASE compliance FROM PUBLIC;
GRANT CONNECT ON DATABASE compliance TO compliance_app;
