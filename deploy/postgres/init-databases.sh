#!/bin/sh
# Runs once, when the PostgreSQL volume is empty (docker-entrypoint-initdb.d). Gives Custodian and
# Temporal each their own login role and database(s), so neither runs as the superuser — the
# append-only triggers on event_log then bind the application, and Temporal cannot touch Custodian's data.
# With a managed PostgreSQL, run the same statements once as its admin user instead.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v custodian_pw="$CUSTODIAN_DB_PASSWORD" -v temporal_pw="$TEMPORAL_DB_PASSWORD" <<'SQL'
CREATE ROLE custodian LOGIN PASSWORD :'custodian_pw';
CREATE DATABASE custodian OWNER custodian;
CREATE ROLE temporal LOGIN PASSWORD :'temporal_pw';
CREATE DATABASE temporal OWNER temporal;
CREATE DATABASE temporal_visibility OWNER temporal;
SQL
