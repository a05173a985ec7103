#!/bin/sh
# Runs once, when the postgres container starts on an empty data volume (docker-entrypoint-initdb.d).
# One database per service, each owned by its own role: a service can reach only its own data. The
# passwords come from the Compose secrets (files under /run/secrets, see docker-compose.yml); Kubernetes uses
# CloudNativePG's roles and Secrets instead (deploy/base/postgres).
set -eu
secret() { cat "/run/secrets/$1"; }
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v preferences_password="$(secret preferences_db_password)" \
  -v preferences_app_password="$(secret preferences_app_db_password)" \
  -v compliance_password="$(secret compliance_db_password)" \
  -v compliance_app_password="$(secret compliance_app_db_password)" <<'SQL'
CREATE ROLE preferences LOGIN PASSWORD :'preferences_password';
CREATE DATABASE preferences OWNER preferences;
-- The role the preferences service connects as: it owns nothing, so it can change no table's shape; the
-- owner (preferences) runs the migrations, which grant it what it needs.
CREATE ROLE preferences_app LOGIN PASSWORD :'preferences_app_password';

CREATE ROLE compliance LOGIN PASSWORD :'compliance_password';
CREATE DATABASE compliance OWNER compliance;
-- The role the compliance service connects as: it owns nothing, so it can never alter or disable the
-- ledger's trigger; the owner (compliance) runs the migrations, which grant it what it needs.
CREATE ROLE compliance_app LOGIN PASSWORD :'compliance_app_password';

-- Only the owner may connect (PostgreSQL grants CONNECT to PUBLIC by default).
REVOKE CONNECT ON DATABASE preferences FROM PUBLIC;
REVOKE CONNECT ON DATABASE compliance FROM PUBLIC;
GRANT CONNECT ON DATABASE preferences TO preferences_app;
GRANT CONNECT ON DATABASE compliance TO compliance_app;
SQL
