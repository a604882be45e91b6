#!/bin/sh
# Brings Temporal's persistence and visibility schemas on PostgreSQL to the version this image ships.
# The databases themselves exist already (deploy/postgres/init-databases.sh; with a managed PostgreSQL,
# its admin creates them), so the `temporal` role needs no CREATEDB. Safe to run on every start:
# `setup-schema -v 0.0` leaves a newer schema alone and `update-schema` applies only what is missing.
set -eu
: "${POSTGRES_SEEDS:?}" "${POSTGRES_USER:?}" "${SQL_PASSWORD:?}"
schemas=/etc/temporal/schema/postgresql/v12

until nc -z "$POSTGRES_SEEDS" "${DB_PORT:-5432}"; do echo "waiting for PostgreSQL at $POSTGRES_SEEDS:${DB_PORT:-5432}"; sleep 2; done

# The password comes from SQL_PASSWORD (read by temporal-sql-tool), so it never shows in `ps`.
sql() { temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "${DB_PORT:-5432}" -u "$POSTGRES_USER" --db "$db" "$@"; }

for pair in "${DBNAME:-temporal}:temporal" "${VISIBILITY_DBNAME:-temporal_visibility}:visibility"; do
  db=${pair%%:*}
  dir=${pair#*:}
  echo "schema of database $db ($dir)"
  sql setup-schema -v 0.0
  sql update-schema -d "$schemas/$dir/versioned"
done
echo "Temporal schemas are up to date"
