#!/bin/bash
# As the super user: GridLoop's topics, the services' logins (their password files) and ACLs, by the generated
# gridloop-acls.sh next to this file. Run by kafka-init in docker-compose and by the Kubernetes Job
# (deploy/kubernetes/kafka-acls-job.yaml); safe to run again.
#
#   BOOTSTRAP_SERVER       host:port of the broker (default kafka:9092)
#   KAFKA_CLIENT_PROTOCOL  SASL_PLAINTEXT (default) or SASL_SSL
#   KAFKA_SECRETS_DIR      where kafka-admin-password, the services' kafka-<service>-password files and, for
#                          SASL_SSL, kafka-ca (PEM) are (default /run/secrets)
set -euo pipefail
secrets="${KAFKA_SECRETS_DIR:-/run/secrets}"
protocol="${KAFKA_CLIENT_PROTOCOL:-SASL_PLAINTEXT}"
[ -s "$secrets/kafka-admin-password" ] || { echo "init-kafka: $secrets/kafka-admin-password is missing" >&2; exit 1; }
umask 077
config="$(mktemp)"
trap 'rm -f "$config"' EXIT
{
  echo "security.protocol=$protocol"
  echo "sasl.mechanism=SCRAM-SHA-512"
  echo "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" password=\"$(tr -d '\r\n' < "$secrets/kafka-admin-password")\";"
  if [ "$protocol" = SASL_SSL ]; then
    echo "ssl.truststore.type=PEM"
    echo "ssl.truststore.location=$secrets/kafka-ca"
  fi
} > "$config"
BOOTSTRAP_SERVER="${BOOTSTRAP_SERVER:-kafka:9092}" COMMAND_CONFIG="$config" SCRAM_PASSWORDS_DIR="$secrets" \
  /bin/sh "$(dirname "$0")/gridloop-acls.sh"
echo "init-kafka: topics, logins and ACLs in place"
