#!/bin/bash
# Run once by the postgres image on an empty data directory (docker-entrypoint-initdb.d): Keycloak's own database and
# login, its password from the keycloak-db-password secret.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v pw="$(tr -d '\r\n' < /run/secrets/keycloak-db-password)" <<'SQL'
CREATE ROLE keycloak LOGIN PASSWORD :'pw';
CREATE DATABASE keycloak OWNER keycloak;
SQL
