#!/bin/sh
# Entry point of a GridLoop service container in docker-compose: turns the secrets mounted in /run/secrets into the
# settings the service reads, then starts the image's own entry point. Nothing secret is in the compose file or in
# `docker inspect`.
#
#   /run/secrets/kafka-password   this service's SCRAM-SHA-512 password; the login is KAFKA_USERNAME
#   /run/secrets/db-password      QUARKUS_DATASOURCE_PASSWORD
#   /run/secrets/open311-api-keys GRIDLOOP_OPEN311_API_KEYS (grid-intake)
set -eu
if [ -f /run/secrets/kafka-password ]; then
  : "${KAFKA_USERNAME:?set KAFKA_USERNAME to this service's Kafka login}"
  KAFKA_SASL_JAAS_CONFIG="org.apache.kafka.common.security.scram.ScramLoginModule required username=\"$KAFKA_USERNAME\" password=\"$(tr -d '\r\n' < /run/secrets/kafka-password)\";"
  export KAFKA_SASL_JAAS_CONFIG
fi
if [ -f /run/secrets/db-password ]; then
  QUARKUS_DATASOURCE_PASSWORD="$(tr -d '\r\n' < /run/secrets/db-password)"
  export QUARKUS_DATASOURCE_PASSWORD
fi
if [ -f /run/secrets/open311-api-keys ]; then
  GRIDLOOP_OPEN311_API_KEYS="$(tr -d '\r\n' < /run/secrets/open311-api-keys)"
  export GRIDLOOP_OPEN311_API_KEYS
fi
exec /opt/jboss/container/java/run/run-java.sh "$@"
